/**
 * OPIN insurance financial assistance routes. The contracts list counts
 * contracts (total = number of contracts); a page's window is grouped the way
 * the schema nests it — brand → companies → contracts — so `data` has one
 * entry per brand present in the window.
 */
import type { DataAnswer } from '../api.ts';
import { money } from '../domain/amounts.ts';
import { assistanceContractsOf, insurerOf, type AssistanceContract } from '../domain/insurance.ts';
import { Day } from '../schema/dates.ts';
import { itemAt } from '../random.ts';
import { OMIT } from '../schema/plan.ts';
import { dataShape, objectAnswer, pageAnswer, renderWith, requestIds, type ResolveContext } from './render.ts';

export type InsuranceRoute = 'contracts' | 'contract-info' | 'movements';

const value = (cents: number) => ({ amount: money(cents), unit: { code: 'R$', description: 'BRL' } });
const sum = (items: number[]) => items.reduce((a, b) => a + b, 0);

export function resolveInsurance(route: InsuranceRoute, ctx: ResolveContext): DataAnswer {
  const contracts = assistanceContractsOf(ctx.core);
  if (route === 'contracts') return contractList(ctx, contracts);
  const ids = requestIds(ctx.request, 'contractId');
  const contract = contracts.find((c) => ids.includes(c.id));
  if (!contract) return { kind: 'not-found', message: `Contract '${ids[0] ?? ''}' does not exist for this customer.` };
  if (route === 'contract-info') return objectAnswer(ctx, contractInfo(contract), `assistance:${contract.id}`);
  // One movement per instalment paid, oldest first (like statements): the debt after it and what is left to pay.
  const movements = contract.paid;
  return pageAnswer(
    ctx,
    movements,
    `movements:${contract.id}`,
    (k) => {
      const after = itemAt(contract.schedule, k);
      const remaining = contract.schedule.length - (k + 1);
      return {
        updatedDebitAmount: value(after.balanceCents),
        remainingCounterInstallmentsQuantity: remaining,
        remainingUnpaidCounterInstallmentsQuantity: remaining,
        lifePensionPmBacAmount: value(contract.reserveCents),
        pensionPlanPmBacAmount: OMIT,
      };
    },
    { stable: true },
  );
}

function contractList(ctx: ResolveContext, contracts: AssistanceContract[]): DataAnswer {
  const insurer = insurerOf(ctx.core);
  const shape = dataShape(ctx.spec, ctx.operation);
  return {
    kind: 'page',
    total: contracts.length,
    render(offset: number, limit: number): unknown {
      const window = contracts.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
      if (window.length === 0) return [];
      const companies = insurer.companies
        .map((company, index) => ({
          companyName: company.name,
          cnpjNumber: company.cnpj,
          contracts: window.filter((c) => c.companyIndex === index).map((c) => ({ contractId: c.id })),
        }))
        .filter((company) => company.contracts.length > 0);
      const facts = [{ brand: { name: insurer.brand, companies } }];
      return shape ? renderWith(ctx, shape.schema, facts, 'assistance-list', offset) : facts;
    },
  };
}

/** Amounts that add up: liquid credit = conceived − taxes − admin fees; interest = Σ schedule interest. */
function contractInfo(contract: AssistanceContract): Record<string, unknown> {
  const first = itemAt(contract.schedule, 0);
  const last = itemAt(contract.schedule, contract.schedule.length - 1);
  const outstanding = contract.paid === 0 ? contract.principalCents : itemAt(contract.schedule, contract.paid - 1).balanceCents;
  return {
    contractId: contract.id,
    certificateId: contract.certificateId,
    groupContractId: contract.groupContractId ?? OMIT,
    susepProcessNumber: contract.susepProcessNumber,
    insureds: contract.insureds.map((i) => ({ ...i })),
    conceivedCreditValue: value(contract.principalCents),
    creditedLiquidValue: value(contract.principalCents - contract.taxesCents - contract.adminFeeCents),
    counterInstallments: {
      value: value(first.paymentCents),
      periodicity: 'MENSAL',
      quantity: contract.schedule.length,
      firstDate: new Day(first.dueDate),
      lastDate: new Day(last.dueDate),
    },
    // Percentages with a fractional part, as PercentageDetails' text rule demands (1.5 = 1.5%).
    interestRate: percent(contract.monthlyRate),
    effectiveCostRate: percent(contract.cet),
    amortizationPeriod: contract.schedule.length,
    acquittanceValue: value(outstanding),
    acquittanceDate: OMIT,
    taxesValue: value(contract.taxesCents),
    expensesValue: value(0),
    finesValue: value(contract.pastDue > 0 ? Math.round(itemAt(contract.schedule, contract.paid).paymentCents * 0.02) : 0),
    monetaryUpdatesValue: value(0),
    administrativeFeesValue: value(contract.adminFeeCents),
    interestValue: value(sum(contract.schedule.map((s) => s.interestCents))),
  };
}

function percent(fraction: number): number {
  const value = Math.round(fraction * 100 * 1e4) / 1e4;
  return Number.isInteger(value) ? value + 0.0001 : value;
}
