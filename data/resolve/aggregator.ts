/**
 * Belvo's GET /api/accounts/: every aggregated account, in creation order.
 * Filtering (link, category, currency, balances, created_at…) is the mock
 * server's job on the rendered results; the data gives each filter values to
 * select on. A `link` or `id` filter that names no known link/account simply
 * selects nothing (Belvo answers 200 with an empty list, not 404).
 */
import type { DataAnswer } from '../api.ts';
import { aggregatedAccountsOf, type AggregatedAccount, type Category } from '../domain/aggregator.ts';
import { Day } from '../schema/dates.ts';
import { itemAt } from '../random.ts';
import { pageAnswer, type ResolveContext } from './render.ts';

const reais = (cents: number) => Math.round(cents) / 100;

const NAMES: Record<Category, [string, string, string]> = {
  CHECKING_ACCOUNT: ['Conta Corrente', 'CONTA_DEPOSITO_A_VISTA', 'INDIVIDUAL'],
  SAVINGS_ACCOUNT: ['Conta Poupança', 'CONTA_POUPANCA', 'INDIVIDUAL'],
  CREDIT_CARD: ['Cartão de Crédito', 'CREDIT_CARD', 'TITULAR'],
  LOAN_ACCOUNT: ['Empréstimo Pessoal', 'EMPRESTIMOS', 'CREDITO_PESSOAL_SEM_CONSIGNACAO'],
  FINANCING_ACCOUNT: ['Financiamento de Veículo', 'FINANCIAMENTOS', 'AQUISICAO_BENS_VEICULOS_AUTOMOTORES'],
  INVESTMENT_ACCOUNT: ['CDB Liquidez Diária', 'INVESTIMENTO', 'RENDA_FIXA_BANCARIA'],
  PENSION_FUND_ACCOUNT: ['Previdência PGBL', 'PREVIDENCIA', 'PGBL'],
};

export function resolveAggregator(ctx: ResolveContext): DataAnswer {
  const accounts = [...aggregatedAccountsOf(ctx.core)].sort((a, b) => a.createdAt - b.createdAt);
  return pageAnswer(ctx, accounts.length, 'aggregated', (i) => accountFacts(itemAt(accounts, i)), { stable: true });
}

function accountFacts(a: AggregatedAccount): Record<string, unknown> {
  const [name, type, subtype] = NAMES[a.category];
  const card = a.category === 'CREDIT_CARD';
  const loan = a.loan;
  const deposit = a.category === 'CHECKING_ACCOUNT' || a.category === 'SAVINGS_ACCOUNT';
  return {
    id: a.id,
    link: a.link,
    institution: { name: a.institution, type: 'bank' },
    collected_at: new Date(a.collectedAt),
    created_at: new Date(a.createdAt),
    last_accessed_at: new Date(a.collectedAt),
    category: a.category,
    balance_type: card || loan ? 'LIABILITY' : 'ASSET',
    overdraft: a.category === 'CHECKING_ACCOUNT' ? { arranged: reais(a.limitCents), used: 0, unarranged: 0 } : null,
    type,
    subtype,
    name,
    number: card ? a.number.slice(-4) : a.number,
    agency: deposit ? a.branch : null,
    check_digit: deposit ? a.digit : null,
    balance: { current: reais(a.currentCents), available: reais(a.availableCents), blocked: 0, automatically_invested: 0 },
    currency: a.currency,
    public_identification_name: deposit ? 'AGENCY/ACCOUNT' : null,
    public_identification_value: deposit ? `${a.branch}/${a.number}-${a.digit}` : null,
    internal_identification: a.internalId,
    credit_data: card ? creditData(a) : null,
    loan_data: loan ? loanData(a) : null,
    funds_data: null,
  };
}

function creditData(a: AggregatedAccount): Record<string, unknown> {
  const cut = new Date(a.collectedAt);
  const cutting = Date.UTC(cut.getUTCFullYear(), cut.getUTCMonth() + 1, 5);
  return {
    credit_limit: reais(a.limitCents),
    limits: [
      {
        identification_number: a.number.slice(-4),
        credit_limit: reais(a.limitCents),
        used_amount: reais(a.currentCents),
        available_amount: reais(a.availableCents),
        is_limit_flexible: false,
        type: 'TOTAL_LIMIT',
        consolidation_type: 'CONSOLIDADO',
        line_name: 'CREDITO_A_VISTA',
        line_name_additional_info: null,
      },
    ],
    cutting_date: new Day(cutting),
    minimum_payment: reais(Math.round(a.currentCents * 0.15)),
    network: a.network,
    network_additional_info: null,
    cards: [{ is_multiple: false }],
    next_payment_date: new Day(cutting + 10 * 86_400_000),
    no_interest_payment: null,
    interest_rate: null,
    monthly_payment: null,
    last_payment_date: null,
  };
}

function loanData(a: AggregatedAccount): Record<string, unknown> {
  const loan = a.loan!;
  const last = itemAt(loan.schedule, loan.schedule.length - 1);
  const total = loan.schedule.length;
  return {
    loan_code: a.internalId.slice(0, 13).replace(/-/g, ''),
    contract_amount: reais(loan.principalCents),
    total_effective_cost: Math.round(((1 + loan.monthlyRate) ** 12 - 1) * 1.08 * 1e4) / 1e4,
    loan_type: a.category === 'LOAN_ACCOUNT' ? 'EMPRESTIMOS' : 'FINANCIAMENTOS',
    outstanding_balance: reais(a.currentCents),
    interest_rates: [
      {
        name: 'Taxa pré-fixada',
        type: 'MONTHLY',
        value: loan.monthlyRate,
        interest_rate_data: {
          tax_type: 'EFFECTIVE',
          rate_type: 'COMPOUND',
          calculation_base: '30/360',
          reference_index_type: 'PRE_FIXED',
          reference_index_subtype: 'PRE_FIXADO',
          reference_index_info: null,
          pre_fixed_rate: loan.monthlyRate,
          post_fixed_rate: 0,
          additional_info: null,
        },
      },
    ],
    fees: [
      {
        type: 'OPERATION_FEE',
        value: 850,
        name: 'Tarifa de Cadastro',
        code: 'CADASTRO',
        fee_charge_type: 'SINGLE',
        fee_charge: 'FIXED',
        rate: null,
      },
    ],
    contracted_charges: [
      { type: 'LATE_PAYMENT_PENALTY_FEE', info: null, rate: 0.02 },
      { type: 'DEFAULT_INTEREST_FEE', info: null, rate: 0.01 },
    ],
    collaterals:
      a.category === 'FINANCING_ACCOUNT'
        ? [{ type: 'ALIENACAO_FIDUCIARIA', subtype: 'OUTROS_BENS', amount: reais(Math.round(loan.principalCents * 1.3)) }]
        : null,
    balloon_payments: null,
    installments_contract_term_frequency: 'MONTH',
    installment_frequency: 'MONTHLY',
    installment_frequency_info: null,
    first_installment_due_date: new Day(itemAt(loan.schedule, 0).dueDate),
    number_of_installments_total: total,
    number_of_installments_outstanding: total - loan.paid,
    number_of_installments_paid: loan.paid,
    number_of_installments_past_due: 0,
    disbursement_dates: [new Day(loan.start)],
    settlement_date: null,
    contract_start_date: new Day(loan.start),
    contract_end_date: new Day(last.dueDate),
    contract_remaining_frequency: 'MONTH',
    contract_remaining_total: total - loan.paid,
    amortization_schedule: 'PRICE',
    amortization_schedule_info: null,
    consignee_id: null,
    contract_number: a.internalId.replace(/\D/g, '').slice(0, 12) || '100000000001',
    principal: null,
    payment_day: null,
    outstanding_principal: null,
    credit_limit: null,
    last_period_balance: null,
    limit_day: null,
    cutting_day: null,
    cutting_date: null,
  };
}
