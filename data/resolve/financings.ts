/**
 * Financings routes (OFB Financings, Opus Financings): contracts, their
 * detail, warranties, instalment summary and payments (paged over the
 * `releases` list), all from the same contract model.
 */
import type { DataAnswer } from '../api.ts';
import { money } from '../domain/amounts.ts';
import { contractsOf, outstandingCents, type FinancingContract } from '../domain/financings.ts';
import { Day } from '../schema/dates.ts';
import { itemAt } from '../random.ts';
import { LegacyFact, OMIT } from '../schema/plan.ts';
import { dataShape, objectAnswer, pageAnswer, renderWith, requestIds, type ResolveContext } from './render.ts';

export type FinancingsRoute = 'contracts' | 'contract' | 'warranties' | 'scheduled-instalments' | 'payments' | 'discovery';

const day = (ms: number) => new Day(ms);
const amount = (cents: number) => ({ amount: money(cents), currency: 'BRL' });

function findRequestedContract(ctx: ResolveContext): FinancingContract | DataAnswer {
  const ids = requestIds(ctx.request, 'contractId');
  const contract = contractsOf(ctx.core).find((c) => ids.includes(c.id));
  if (contract) return contract;
  return { kind: 'not-found', message: `Contract ${ids.length > 0 ? `'${ids[0]}'` : '(no contractId)'} does not exist for this customer.` };
}

export function resolveFinancings(route: FinancingsRoute, ctx: ResolveContext): DataAnswer {
  const institution = ctx.core.institution;
  if (route === 'contracts') {
    const contracts = contractsOf(ctx.core);
    return pageAnswer(
      ctx,
      contracts.length,
      'contracts',
      (i) => ({
        contractId: new LegacyFact('contractId', itemAt(contracts, i).id),
        brandName: institution.brandName,
        companyCnpj: institution.cnpj,
        productType: itemAt(contracts, i).productType,
        productSubType: itemAt(contracts, i).productSubType,
        ipocCode: itemAt(contracts, i).ipocCode,
      }),
      { stable: true },
    );
  }
  if (route === 'discovery') {
    const customer = ctx.core.customer;
    return objectAnswer(
      ctx,
      {
        resources: contractsOf(ctx.core).map((c) => ({
          resourceLegacyId: [{ key: 'contractId', value: c.id }],
          validUntil: day(itemAt(c.schedule, c.schedule.length - 1).dueDate),
          status: 'AVAILABLE',
          authorizers: [{ cpf: customer.cpf, name: customer.name }],
        })),
      },
      'financings-discovery',
    );
  }
  const found = findRequestedContract(ctx);
  if ('kind' in found) return found;
  const contract = found;
  switch (route) {
    case 'contract':
      return objectAnswer(ctx, contractFacts(contract), `contract:${contract.id}`);
    case 'warranties':
      return pageAnswer(
        ctx,
        contract.warranties.length,
        `warranties:${contract.id}`,
        (i) => ({
          currency: 'BRL',
          warrantyType: itemAt(contract.warranties, i).warrantyType,
          warrantySubType: itemAt(contract.warranties, i).warrantySubType,
          warrantyAmount: money(itemAt(contract.warranties, i).amountCents),
        }),
        { stable: true },
      );
    case 'scheduled-instalments':
      return objectAnswer(ctx, instalmentFacts(contract), `instalments:${contract.id}`);
    default:
      return payments(ctx, contract);
  }
}

function contractFacts(contract: FinancingContract): Record<string, unknown> {
  const first = itemAt(contract.schedule, 0);
  const last = itemAt(contract.schedule, contract.schedule.length - 1);
  const irregular = contract.periodicity === 'SEM_PERIODICIDADE_REGULAR';
  return {
    contractNumber: contract.number,
    ipocCode: contract.ipocCode,
    productName: contract.productName,
    productType: contract.productType,
    productSubType: contract.productSubType,
    contractDate: day(contract.contractDate),
    disbursementDates: [day(contract.contractDate)],
    settlementDate: OMIT,
    contractAmount: money(contract.principalCents),
    currency: 'BRL',
    dueDate: day(last.dueDate),
    instalmentPeriodicity: contract.periodicity,
    instalmentPeriodicityAdditionalInfo: irregular ? 'Parcelas na colheita' : OMIT,
    firstInstalmentDueDate: day(first.dueDate),
    CET: contract.cet.toFixed(6),
    amortizationScheduled: contract.system,
    amortizationScheduledAdditionalInfo: OMIT,
    interestRates: [
      {
        taxType: 'EFETIVA',
        interestRateType: 'COMPOSTO',
        taxPeriodicity: 'AA',
        calculation: '30/360',
        referentialRateIndexerType: contract.indexer,
        referentialRateIndexerSubType: contract.indexer === 'POS_FIXADO' ? 'TR_TBF' : 'PRE_FIXADO',
        referentialRateIndexerAdditionalInfo: OMIT,
        preFixedRate: contract.annualRate.toFixed(6),
        postFixedRate: contract.indexer === 'POS_FIXADO' ? '0.012000' : '0.000000',
        additionalInfo: OMIT,
      },
    ],
    contractedFees: [
      {
        feeName: 'Tarifa de Cadastro',
        feeCode: 'CADASTRO',
        feeChargeType: 'UNICA',
        feeCharge: 'FIXO',
        feeAmount: money(contract.feeCents),
        feeRate: OMIT,
      },
    ],
    contractedFinanceCharges: [
      { chargeType: 'MULTA_ATRASO_PAGAMENTO', chargeAdditionalInfo: OMIT, chargeRate: '0.020000' },
      { chargeType: 'JUROS_MORA_ATRASO', chargeAdditionalInfo: OMIT, chargeRate: '0.010000' },
      { chargeType: 'IOF_CONTRATACAO', chargeAdditionalInfo: OMIT, chargeRate: (contract.iofCents / contract.principalCents).toFixed(6) },
    ],
  };
}

/** Paid + due + past due = total; irregular (rural) contracts list their remaining instalments as balloon payments. */
function instalmentFacts(contract: FinancingContract): Record<string, unknown> {
  const total = contract.schedule.length;
  const remaining = contract.schedule.filter((s, i) => i >= contract.paid + contract.pastDue);
  const irregular = contract.periodicity === 'SEM_PERIODICIDADE_REGULAR';
  return {
    typeNumberOfInstalments: irregular ? 'SEM_PRAZO_TOTAL' : 'MES',
    totalNumberOfInstalments: total,
    typeContractRemaining: irregular ? 'SEM_PRAZO_REMANESCENTE' : 'MES',
    contractRemainingNumber: remaining.length,
    paidInstalments: contract.paid,
    dueInstalments: remaining.length,
    pastDueInstalments: contract.pastDue,
    balloonPayments:
      irregular && remaining.length > 0 ? remaining.map((s) => ({ dueDate: day(s.dueDate), amount: amount(s.paymentCents) })) : OMIT,
  };
}

function instalmentId(contract: FinancingContract, number: number): string {
  return `${contract.id.slice(0, 8)}-P${String(number).padStart(3, '0')}`;
}

/** One release per paid instalment, paid on its due date; paged over `releases`. */
function payments(ctx: ResolveContext, contract: FinancingContract): DataAnswer {
  const shape = dataShape(ctx.spec, ctx.operation);
  const header = { paidInstalments: contract.paid, contractOutstandingBalance: money(outstandingCents(contract)) };
  const release = (i: number) => {
    const instalment = itemAt(contract.schedule, i);
    return {
      paymentId: new LegacyFact('paymentId', `${contract.id.slice(0, 8)}-R${String(instalment.number).padStart(3, '0')}`),
      isOverParcelPayment: false,
      instalmentId: new LegacyFact('instalmentId', instalmentId(contract, instalment.number)),
      paidDate: day(instalment.dueDate),
      currency: 'BRL',
      paidAmount: money(instalment.paymentCents),
      overParcel: OMIT,
    };
  };
  return {
    kind: 'page',
    total: contract.paid,
    render(offset: number, limit: number): unknown {
      const from = Math.max(0, Math.floor(offset));
      const to = Math.min(contract.paid, from + Math.max(0, Math.floor(limit)));
      const releases = [];
      for (let i = from; i < to; i++) releases.push(release(i));
      const facts = { ...header, releases };
      return shape ? renderWith(ctx, shape.schema, facts, `payments:${contract.id}`, from) : facts;
    },
  };
}
