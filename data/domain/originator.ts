/**
 * Credit applications of the originator API: a PRICE loan over the financed
 * amount (requested + IOF + TAC), the schedule with per-instalment IOF that
 * adds up to iof_amount, effective rates derived from the cash flows, and a
 * beneficiary account at a real bank (or a PIX key) for the disbursement.
 */
import { bankAccountNumber, retailBanks } from '../brazil/banks.ts';
import { companyName, tradeName } from '../brazil/people.ts';
import { generateCnpj } from '../brazil/documents.ts';
import { rngFor } from '../random.ts';
import { addMonths, DAY_MS, startOfDay } from '../schema/dates.ts';
import { annualFromMonthly, buildSchedule, cetAnnual, iofCents, type Instalment } from './amortization.ts';
import type { WorldCore } from './core.ts';

type ApplicationStatus = 'PENDING_QUALIFICATION' | 'PENDING_SIGNATURE' | 'SIGNED' | 'DISBURSED' | 'CANCELED';

export interface Application {
  id: string;
  sequentialId: number;
  productId: string;
  borrowerId: string;
  funding: { id: string; legalName: string; alias: string; cnpj: string };
  status: ApplicationStatus;
  requestedCents: number;
  tacCents: number;
  monthlyRate: number;
  issueDate: number;
  schedule: Instalment[];
  iofCents: number;
  financedCents: number;
  cetAnnual: number;
  createdAt: number;
  paymentMethod: 'BANK_ACCOUNT_DEDUCTION' | 'BOLETO' | 'PAYROLL_DEDUCTION' | 'PIX' | 'RECEIVABLES';
  beneficiary: { compe: string; ispb: string; branch: string; account: string; digit: string; pix: boolean };
  loanId?: string;
}

const STATUSES: ApplicationStatus[] = ['DISBURSED', 'DISBURSED', 'SIGNED', 'PENDING_SIGNATURE', 'PENDING_QUALIFICATION', 'CANCELED'];

export function applicationsOf(core: WorldCore): Application[] {
  return core.once('applications', () => {
    const rng = rngFor(core.hash, 'applications');
    return Array.from({ length: rng.int(3, 6) }, (_, i) => makeApplication(core, i));
  });
}

function makeApplication(core: WorldCore, index: number): Application {
  const rng = rngFor(core.hash, 'application', index);
  const fund = companyName(rng);
  const requestedCents = rng.int(10, 300) * 100_00;
  const tacCents = Math.round(requestedCents * 0.015);
  const monthlyRate = Math.round(rng.float(0.015, 0.045) * 1e4) / 1e4;
  const issueDate = startOfDay(core.now - rng.int(3, 300) * DAY_MS);
  const n = rng.pick([3, 6, 10, 12, 18, 24, 36]);
  const dates = Array.from({ length: n }, (_, k) => addMonths(issueDate, k + 1));
  // IOF is computed on the requested amount's schedule, then financed along with the TAC.
  const iof = iofCents(requestedCents, buildSchedule('PRICE', requestedCents, monthlyRate, dates), issueDate);
  const financedCents = requestedCents + iof + tacCents;
  const schedule = buildSchedule('PRICE', financedCents, monthlyRate, dates);
  const bank = rng.pick(retailBanks());
  const account = bankAccountNumber(rng, bank.compe);
  const status = rng.pick(STATUSES);
  return {
    id: rng.uuid(),
    sequentialId: 10_000 + index * 137 + rng.int(0, 99),
    productId: rng.uuid(),
    borrowerId: rng.uuid(),
    funding: {
      id: rng.uuid(),
      legalName: `${tradeName(fund)} Fundo de Investimento em Direitos Creditórios`,
      alias: `${tradeName(fund)} FIDC`,
      cnpj: generateCnpj(rng),
    },
    status,
    requestedCents,
    tacCents,
    monthlyRate,
    issueDate,
    schedule,
    iofCents: iof,
    financedCents,
    cetAnnual: cetAnnual(requestedCents, schedule, issueDate),
    createdAt: issueDate - rng.int(1, 5) * DAY_MS + rng.int(8, 18) * 3_600_000,
    paymentMethod: rng.pick(['BOLETO', 'PIX', 'PAYROLL_DEDUCTION', 'BANK_ACCOUNT_DEDUCTION'] as const),
    beneficiary: {
      compe: bank.compe,
      ispb: bank.ispb,
      branch: account.branch,
      account: account.account,
      digit: account.checkDigit,
      pix: rng.chance(0.4),
    },
    loanId: status === 'DISBURSED' ? rng.uuid() : undefined,
  };
}

export function monthlyEffective(application: Application): number {
  return (1 + application.cetAnnual) ** (1 / 12) - 1;
}

export { annualFromMonthly };
