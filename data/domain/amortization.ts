/**
 * Loan arithmetic in cents: SAC and PRICE schedules that amortise the
 * principal exactly (the last instalment takes the rounding), IOF as the
 * Receita charges it on credit to individuals (0.38% flat plus 0.0082% a day
 * on each amortisation, days capped at 365), and CET as the annual rate that
 * discounts the customer's payments to what the customer actually received
 * (BCB Resolução 3.517: Σ FCj / (1+CET)^((dj−d0)/365) = FC0).
 */
import { itemAt } from '../random.ts';
import { DAY_MS } from '../schema/dates.ts';

export type AmortizationSystem = 'SAC' | 'PRICE';

export interface Instalment {
  /** 1-based instalment number. */
  number: number;
  dueDate: number;
  paymentCents: number;
  interestCents: number;
  principalCents: number;
  /** Principal still owed after this instalment. */
  balanceCents: number;
}

/**
 * The schedule for `principalCents` at `periodRate` per period over the given due dates (one per instalment).
 * PRICE: constant payments; SAC: constant amortisation. Σ principal = principal, to the cent. Irregular schedules
 * (rural credit timed by harvests) pass the rate of each instalment's own period in `ratePerInstalment`.
 */
export function buildSchedule(
  system: AmortizationSystem,
  principalCents: number,
  periodRate: number,
  dueDates: number[],
  ratePerInstalment?: number[],
): Instalment[] {
  const n = dueDates.length;
  const schedule: Instalment[] = [];
  let balance = principalCents;
  // Rounded down, so the balance never runs out early: the last instalment takes what the cents left over.
  const price =
    periodRate < 1e-12 ? Math.floor(principalCents / n) : Math.floor((principalCents * periodRate) / (1 - (1 + periodRate) ** -n));
  const sacPart = Math.floor(principalCents / n);
  for (let k = 0; k < n; k++) {
    const interest = Math.round(balance * (ratePerInstalment?.[k] ?? periodRate));
    let principal = system === 'PRICE' ? price - interest : sacPart;
    if (k === n - 1 || principal > balance) principal = balance;
    if (principal < 0) principal = 0;
    balance -= principal;
    schedule.push({
      number: k + 1,
      dueDate: itemAt(dueDates, k),
      paymentCents: principal + interest,
      interestCents: interest,
      principalCents: principal,
      balanceCents: balance,
    });
  }
  return schedule;
}

/** IOF on credit to individuals: 0.38% of the principal plus 0.0082% a day on each amortisation until its due date. */
export function iofCents(principalCents: number, schedule: Instalment[], contractDate: number): number {
  let daily = 0;
  for (const instalment of schedule) {
    const days = Math.min(365, Math.max(0, Math.round((instalment.dueDate - contractDate) / DAY_MS)));
    daily += instalment.principalCents * 0.000082 * days;
  }
  return Math.round(principalCents * 0.0038 + daily);
}

/** CET (annual, as a fraction): the rate that makes the payments worth what was released on the contract date. */
export function cetAnnual(releasedCents: number, schedule: Instalment[], contractDate: number): number {
  const presentValue = (rate: number): number => {
    let sum = 0;
    for (const instalment of schedule)
      sum += instalment.paymentCents / (1 + rate) ** ((instalment.dueDate - contractDate) / (365 * DAY_MS));
    return sum;
  };
  let low = 0;
  let high = 50;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (presentValue(middle) > releasedCents) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

export function annualFromMonthly(monthly: number): number {
  return (1 + monthly) ** 12 - 1;
}
