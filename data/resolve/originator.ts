/** The originator's GET /applications/{application_id}: the whole body is the application. */
import type { DataAnswer } from '../api.ts';
import { annualFromMonthly, applicationsOf, monthlyEffective, type Application } from '../domain/originator.ts';
import { Day } from '../schema/dates.ts';
import { itemAt } from '../random.ts';
import { OMIT } from '../schema/plan.ts';
import { objectAnswer, requestString, type ResolveContext } from './render.ts';

const reais = (cents: number) => Math.round(cents) / 100;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function resolveOriginator(ctx: ResolveContext): DataAnswer {
  const id = requestString(ctx.request, 'application_id') ?? '';
  const application = applicationsOf(ctx.core).find((a) => a.id === id);
  if (!application) return { kind: 'not-found', message: `Application '${id}' does not exist.` };
  return objectAnswer(ctx, applicationFacts(ctx, application), `application:${application.id}`);
}

function applicationFacts(ctx: ResolveContext, app: Application): Record<string, unknown> {
  const customer = ctx.core.customer;
  const last = itemAt(app.schedule, app.schedule.length - 1);
  const n = app.schedule.length;
  // IOF spread over the instalments so that the column adds up to iof_amount.
  const iofShare = Math.floor(app.iofCents / n);
  const disbursed = app.status === 'DISBURSED';
  const canceled = app.status === 'CANCELED';
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
  const account = {
    registered_account_id: null,
    holder: { name: customer.name, taxpayer_id: customer.cpf },
    external_bank_account: app.beneficiary.pix
      ? null
      : {
          bank_code: app.beneficiary.compe,
          bank_account: app.beneficiary.account,
          bank_account_digit: app.beneficiary.digit,
          bank_branch: app.beneficiary.branch,
          bank_account_type: 'CACC',
          ispb_code: app.beneficiary.ispb,
        },
    pix: app.beneficiary.pix ? { key: customer.cpf, key_type: 'TAXPAYER_ID' } : null,
    baas: null,
  };
  return {
    id: app.id,
    sequential_id: app.sequentialId,
    product: { id: app.productId },
    borrower: { id: app.borrowerId },
    funding: {
      id: app.funding.id,
      legal_name: app.funding.legalName,
      alias: app.funding.alias,
      metadata: { values: { cnpj: { value: [app.funding.cnpj], sensitive: false } } },
    },
    requested_amount: reais(app.requestedCents),
    interest_rate: app.monthlyRate,
    tac_amount: reais(app.tacCents),
    tac_rate: 0.015,
    finance_fee: 0,
    num_payments: n,
    first_payment_date: new Day(itemAt(app.schedule, 0).dueDate),
    disbursement_date: new Day(app.issueDate),
    issue_date: new Day(app.issueDate),
    canceled_at: canceled ? at(app.issueDate + 86_400_000) : null,
    status: app.status,
    cession_status: disbursed ? 'ASSIGNED' : null,
    status_description: {
      DISBURSED: 'Funds sent to the beneficiary account.',
      SIGNED: 'Credit note signed; waiting for disbursement.',
      PENDING_SIGNATURE: 'Waiting for the borrower to sign.',
      PENDING_QUALIFICATION: 'Waiting for the credit analysis.',
      CANCELED: 'Cancelled at the borrower’s request.',
    }[app.status],
    loan_details: {
      total_processing_cost: reais(app.tacCents),
      annual_interest_rate: round(annualFromMonthly(app.monthlyRate), 4),
      annual_effective_interest_rate: round(app.cetAnnual, 4),
      monthly_effective_interest_rate: round(monthlyEffective(app), 4),
      total_amount_owed: reais(app.schedule.reduce((sum, s) => sum + s.paymentCents, 0)),
      disbursement_amount: reais(app.requestedCents),
      financed_amount: reais(app.financedCents),
      iof_daily_rate: 0.000082,
      iof_amount: reais(app.iofCents),
      iof_base_rate: 0.0038,
      finance_fee: 0,
      payment_amount: reais(itemAt(app.schedule, 0).paymentCents),
      issue_date: new Day(app.issueDate),
      schedule: app.schedule.map((s, k) => ({
        payment: reais(s.paymentCents),
        iof: reais(k === n - 1 ? app.iofCents - iofShare * (n - 1) : iofShare),
        balance: reais(s.balanceCents),
        interest: reais(s.interestCents),
        principal: reais(s.principalCents),
        period: s.number,
        running_day: Math.round((s.dueDate - app.issueDate) / 86_400_000),
        payment_date: new Day(s.dueDate),
      })),
      last_payment_date: new Day(last.dueDate),
    },
    payment_method: app.paymentMethod,
    backoffice_import_status: disbursed ? 'DONE' : null,
    guarantors: [],
    co_signers: [],
    beneficiary_account: account,
    loan: app.loanId ? { id: app.loanId } : null,
    borrower_employer: null,
    disbursement: disbursed
      ? { requested_at: at(app.issueDate + 13 * 3_600_000), processed_at: at(app.issueDate + 13 * 3_600_000 + 4000), receipt: null }
      : null,
    disbursement_attempts: disbursed ? OMIT : [],
    created_at: at(app.createdAt),
    updated_at: at(disbursed ? app.issueDate + 13 * 3_600_000 + 4000 : app.createdAt + 3_600_000),
    version: disbursed ? 4 : 2,
  };
}
