/**
 * The aggregator's view (Belvo): the customer's accounts at several
 * institutions, one link per institution, with balances, overdraft,
 * credit-card data (credit_data) and loan data (loan_data) filled as Belvo
 * documents them for Open Finance Brazil. Categories, currencies and creation
 * dates vary so that every list filter has something to select.
 */
import { bankAccountNumber, majorBanks, type Bank } from '../brazil/banks.ts';
import { itemAt, rngFor, type Rng } from '../random.ts';
import { addMonths, DAY_MS, startOfDay } from '../schema/dates.ts';
import { buildSchedule, type Instalment } from './amortization.ts';
import type { WorldCore } from './core.ts';

export type Category =
  | 'CHECKING_ACCOUNT'
  | 'SAVINGS_ACCOUNT'
  | 'CREDIT_CARD'
  | 'LOAN_ACCOUNT'
  | 'FINANCING_ACCOUNT'
  | 'INVESTMENT_ACCOUNT'
  | 'PENSION_FUND_ACCOUNT';

export interface AggregatedAccount {
  id: string;
  link: string;
  bank: Bank;
  institution: string;
  category: Category;
  currency: string;
  createdAt: number;
  collectedAt: number;
  branch: string;
  number: string;
  digit: string;
  internalId: string;
  /** Balance in cents: the account's own for deposits, the bill for cards, the debt for loans. */
  currentCents: number;
  availableCents: number;
  limitCents: number;
  loan?: { principalCents: number; monthlyRate: number; schedule: Instalment[]; paid: number; start: number; subtype: string };
  network?: string;
}

/** Belvo's Open Finance institution code for a bank: `of` + a slug of its brand + `_br_retail`. */
function institutionCode(bank: Bank): string {
  const words = bank.brand
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w && w !== 'banco' && w !== 'bco');
  return `of${words.slice(0, 2).join('') || 'banco'}_br_retail`;
}

const PLAN: Category[][] = [
  ['CHECKING_ACCOUNT', 'SAVINGS_ACCOUNT', 'CREDIT_CARD'],
  ['CHECKING_ACCOUNT', 'CREDIT_CARD', 'LOAN_ACCOUNT'],
  ['CHECKING_ACCOUNT', 'FINANCING_ACCOUNT', 'INVESTMENT_ACCOUNT'],
  ['CHECKING_ACCOUNT', 'CREDIT_CARD', 'PENSION_FUND_ACCOUNT', 'SAVINGS_ACCOUNT'],
];

export function aggregatedAccountsOf(core: WorldCore): AggregatedAccount[] {
  return core.once('aggregated', () => {
    const rng = rngFor(core.hash, 'aggregator');
    const banks = [...majorBanks()].sort(() => rng.next() - 0.5).slice(0, rng.int(3, 5));
    const accounts: AggregatedAccount[] = [];
    banks.forEach((bank, b) => {
      const link = rng.uuid();
      const linkedAt = startOfDay(core.now - rng.int(30, 700) * DAY_MS);
      for (const category of itemAt(PLAN, b % PLAN.length))
        accounts.push(makeAccount(core, rngFor(core.hash, 'aggregated', accounts.length), bank, link, linkedAt, category));
    });
    return accounts;
  });
}

function makeAccount(core: WorldCore, rng: Rng, bank: Bank, link: string, linkedAt: number, category: Category): AggregatedAccount {
  const numbering = bankAccountNumber(rng, bank.compe);
  const income = core.customer.monthlyIncomeCents;
  // A few deposit accounts are in dollars or euros (global accounts), so the currency filters select something.
  const currency = category === 'CHECKING_ACCOUNT' && rng.chance(0.2) ? rng.pick(['USD', 'EUR']) : 'BRL';
  const base: AggregatedAccount = {
    id: rng.uuid(),
    link,
    bank,
    institution: institutionCode(bank),
    category,
    currency,
    createdAt: linkedAt + rng.int(0, 40) * DAY_MS + rng.int(0, 86_399) * 1000,
    collectedAt: core.now - rng.int(60, 36 * 3600) * 1000,
    branch: numbering.branch,
    number: numbering.account,
    digit: numbering.checkDigit,
    internalId: rng.uuid(),
    currentCents: 0,
    availableCents: 0,
    limitCents: 0,
  };
  switch (category) {
    case 'CREDIT_CARD': {
      base.limitCents = rng.int(10, 200) * 100_00;
      base.currentCents = Math.round(base.limitCents * rng.float(0.05, 0.7));
      base.availableCents = base.limitCents - base.currentCents;
      base.network = rng.pick(['MASTERCARD', 'VISA', 'ELO', 'AMERICAN_EXPRESS', 'HIPERCARD']);
      break;
    }
    case 'LOAN_ACCOUNT':
    case 'FINANCING_ACCOUNT': {
      const principalCents = rng.int(50, 800) * 100_00;
      const monthlyRate = Math.round(rng.float(0.012, 0.04) * 1e4) / 1e4;
      const months = rng.pick([12, 24, 36, 48, 60]);
      const start = startOfDay(addMonths(core.now, -rng.int(2, months - 1)));
      const schedule = buildSchedule(
        'PRICE',
        principalCents,
        monthlyRate,
        Array.from({ length: months }, (_, k) => addMonths(start, k + 1)),
      );
      const paid = schedule.filter((s) => s.dueDate < core.now).length;
      base.loan = {
        principalCents,
        monthlyRate,
        schedule,
        paid,
        start,
        subtype: category === 'LOAN_ACCOUNT' ? 'CREDITO_PESSOAL_SEM_CONSIGNACAO' : 'AQUISICAO_BENS_VEICULOS_AUTOMOTORES',
      };
      base.currentCents = paid === 0 ? principalCents : itemAt(schedule, paid - 1).balanceCents;
      base.availableCents = base.currentCents;
      break;
    }
    default: {
      const scale = category === 'CHECKING_ACCOUNT' ? income * rng.float(0.2, 1.5) : income * rng.float(1, 12);
      base.currentCents = Math.round(scale);
      base.availableCents = base.currentCents;
      base.limitCents = category === 'CHECKING_ACCOUNT' ? rng.int(5, 50) * 100_00 : 0;
    }
  }
  return base;
}
