/**
 * The customer's financing contracts (OFB Financings, Opus Financings): what
 * was financed, how it amortises (SAC or PRICE, to the cent), its IOF, fees
 * and CET, the warranties behind it, and the payments made so far — paid
 * instalments are exactly those due before `now`, minus an occasional one
 * past due.
 */
import { ipocCode } from '../brazil/registry.ts';
import { itemAt, rngFor, type Rng } from '../random.ts';
import { addMonths, DAY_MS, startOfDay } from '../schema/dates.ts';
import { annualFromMonthly, buildSchedule, cetAnnual, iofCents, type AmortizationSystem, type Instalment } from './amortization.ts';
import type { WorldCore } from './core.ts';

interface Warranty {
  warrantyType: string;
  warrantySubType: string;
  amountCents: number;
}

export interface FinancingContract {
  id: string;
  number: string;
  ipocCode: string;
  productType: 'FINANCIAMENTOS' | 'FINANCIAMENTOS_RURAIS' | 'FINANCIAMENTOS_IMOBILIARIOS';
  productSubType: string;
  productName: string;
  contractDate: number;
  principalCents: number;
  /** Rate per instalment period (monthly, or per period for irregular rural schedules). */
  periodRate: number;
  annualRate: number;
  system: AmortizationSystem;
  periodicity: 'MENSAL' | 'SEM_PERIODICIDADE_REGULAR';
  indexer: 'PRE_FIXADO' | 'POS_FIXADO';
  schedule: Instalment[];
  iofCents: number;
  feeCents: number;
  cet: number;
  /** Instalments paid (all due before now except the past-due ones). */
  paid: number;
  pastDue: number;
  warranties: Warranty[];
}

interface ProductKind {
  productType: FinancingContract['productType'];
  productSubType: string;
  productName: string;
  system: AmortizationSystem;
  months: [number, number];
  amount: [number, number];
  /** Annual rate range (fraction). */
  rate: [number, number];
  modality: string;
  warranty: [string, string, number];
  irregular?: boolean;
}

const KINDS: ProductKind[] = [
  {
    productType: 'FINANCIAMENTOS',
    productSubType: 'AQUISICAO_BENS_VEICULOS_AUTOMOTORES',
    productName: 'Financiamento de Veículos',
    system: 'PRICE',
    months: [24, 60],
    amount: [25_000, 120_000],
    rate: [0.18, 0.32],
    modality: '0401',
    warranty: ['ALIENACAO_FIDUCIARIA', 'OUTROS_BENS', 1.3],
  },
  {
    productType: 'FINANCIAMENTOS',
    productSubType: 'AQUISICAO_BENS_OUTROS_BENS',
    productName: 'CDC Bens e Serviços',
    system: 'PRICE',
    months: [10, 36],
    amount: [2_000, 20_000],
    rate: [0.25, 0.6],
    modality: '0499',
    warranty: ['ALIENACAO_FIDUCIARIA', 'EQUIPAMENTOS', 1.1],
  },
  {
    productType: 'FINANCIAMENTOS_IMOBILIARIOS',
    productSubType: 'FINANCIAMENTO_HABITACIONAL_SFH',
    productName: 'Financiamento Imobiliário SFH',
    system: 'SAC',
    months: [180, 420],
    amount: [150_000, 800_000],
    rate: [0.09, 0.13],
    modality: '0903',
    warranty: ['ALIENACAO_FIDUCIARIA', 'IMOVEIS_RESIDENCIAIS', 1.6],
  },
  {
    productType: 'FINANCIAMENTOS_RURAIS',
    productSubType: 'CUSTEIO',
    productName: 'Custeio Agrícola',
    system: 'SAC',
    months: [2, 3],
    amount: [40_000, 300_000],
    rate: [0.07, 0.12],
    modality: '0203',
    warranty: ['PENHOR', 'PRODUTOS_AGROPECUARIOS_SEM_WARRANT', 1.2],
    irregular: true,
  },
];

export function contractsOf(core: WorldCore): FinancingContract[] {
  return core.once('financings', () => {
    const rng = rngFor(core.hash, 'financings');
    const count = rng.int(1, 3);
    const kinds = [...KINDS].sort(() => rng.next() - 0.5).slice(0, count);
    return kinds.map((kind, i) => makeContract(core, kind, i));
  });
}

function dueDates(kind: ProductKind, rng: Rng, contractDate: number, instalments: number): number[] {
  if (kind.irregular) {
    // Harvest-timed instalments: one every 6 to 12 months.
    const dates: number[] = [];
    let at = contractDate;
    for (let i = 0; i < instalments; i++) dates.push((at = addMonths(at, rng.int(6, 12))));
    return dates;
  }
  const first = addMonths(contractDate, 1);
  return Array.from({ length: instalments }, (_, i) => addMonths(first, i));
}

function makeContract(core: WorldCore, kind: ProductKind, index: number): FinancingContract {
  const rng = rngFor(core.hash, 'financing', index);
  const instalments = rng.int(kind.months[0], kind.months[1]);
  // Contracts signed between 2 months and most of their term ago, so some instalments are paid and some due.
  const ageMonths = kind.irregular ? rng.int(1, 8) : rng.int(2, Math.max(3, Math.min(instalments - 1, 48)));
  const contractDate = startOfDay(addMonths(core.now, -ageMonths)) + rng.int(0, 20) * DAY_MS;
  const principalCents = rng.int(kind.amount[0], kind.amount[1]) * 100;
  const annualRate = Math.round(rng.float(kind.rate[0], kind.rate[1]) * 1e6) / 1e6;
  const dates = dueDates(kind, rng, contractDate, instalments);
  const monthly = (1 + annualRate) ** (1 / 12) - 1;
  // Irregular periods accrue interest for their own length: (1 + annual)^(days/365) − 1.
  const rates = kind.irregular
    ? dates.map((date, k) => (1 + annualRate) ** ((date - (k === 0 ? contractDate : itemAt(dates, k - 1))) / (365 * DAY_MS)) - 1)
    : undefined;
  const periodRate = rates ? itemAt(rates, 0) : monthly;
  const schedule = buildSchedule(kind.system, principalCents, periodRate, dates, rates);
  const iof = iofCents(principalCents, schedule, contractDate);
  const fee = kind.productType === 'FINANCIAMENTOS_IMOBILIARIOS' ? 300_00 : (rng.int(4, 9) * 100_00) / 2;
  const due = schedule.filter((s) => s.dueDate < core.now).length;
  const pastDue = due > 1 && rng.chance(0.15) ? 1 : 0;
  const id = rng.uuid();
  const number = `${rng.int(1, 9)}${rng.digits(11)}`;
  return {
    id,
    number,
    ipocCode: ipocCode(core.institution.cnpj, kind.modality, `${number}${rng.digits(4)}`),
    productType: kind.productType,
    productSubType: kind.productSubType,
    productName: kind.productName,
    contractDate,
    principalCents,
    periodRate,
    annualRate: kind.irregular ? annualRate : Math.round(annualFromMonthly(monthly) * 1e6) / 1e6,
    system: kind.system,
    periodicity: kind.irregular ? 'SEM_PERIODICIDADE_REGULAR' : 'MENSAL',
    indexer: kind.productType === 'FINANCIAMENTOS_IMOBILIARIOS' ? 'POS_FIXADO' : 'PRE_FIXADO',
    schedule,
    iofCents: iof,
    feeCents: fee,
    cet: cetAnnual(principalCents - iof - fee, schedule, contractDate),
    paid: due - pastDue,
    pastDue,
    warranties: [
      { warrantyType: kind.warranty[0], warrantySubType: kind.warranty[1], amountCents: Math.round(principalCents * kind.warranty[2]) },
    ],
  };
}

/** Principal still owed after the paid instalments. */
export function outstandingCents(contract: FinancingContract): number {
  return contract.paid === 0 ? contract.principalCents : itemAt(contract.schedule, contract.paid - 1).balanceCents;
}
