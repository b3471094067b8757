/**
 * Amounts and rates as the Brazilian APIs write them: BRL strings with the
 * exact number of decimals the field's pattern demands (`^\d{1,15}\.\d{2,4}$`
 * → 2, a CET's `^\d{1,6}\.\d{6}$` → 6), rates as fractions (0.015 = 1.5%)
 * in ranges a banker would expect, and the same as JSON numbers.
 */
import type { Rng } from '../random.ts';
import type { LeafCheck } from '../schema/checks.ts';
import type { Siblings } from '../schema/plan.ts';

/** How many decimals a field wants, found by probing its rules (undefined when no fixed-point text passes). */
export function decimalsFor(check: LeafCheck, sample = 1234.5678): number | undefined {
  for (const decimals of [2, 4, 3, 6, 1, 0, 5, 8, 9]) {
    if (check(sample.toFixed(decimals))) return decimals;
  }
  return undefined;
}

/** Typical magnitude (in BRL) of an amount field, by what its name says. */
export function amountRange(name: string, parent: string): [number, number] {
  const n = `${parent} ${name}`.toLowerCase();
  if (/fee|tarifa|charge|iof|tax|encargo|fine|multa|expense/.test(n)) return [5, 250];
  if (/limit|credit_limit|contracted/.test(n)) return [500, 30_000];
  if (/contract|principal|financed|requested|conceived|disburs|loan|cession|issue/.test(n)) return [3_000, 150_000];
  if (/instal|installment|parcela|payment_amount|monthly|minimum/.test(n)) return [150, 3_500];
  if (/balance|saldo|available|current|outstanding|owed|debit|due/.test(n)) return [50, 40_000];
  if (/blocked|invested/.test(n)) return [0, 5_000];
  return [10, 5_000];
}

/** A rate as a fraction, by name and, for interest, by the periodicity beside it (AM monthly, AA yearly). */
export function rateRange(name: string, parent: string, siblings: Siblings): [number, number] {
  const n = name.toLowerCase();
  const periodicity = String(siblings?.taxPeriodicity ?? siblings?.type ?? '').toUpperCase();
  if (/cet|effective_?cost|total_effective/.test(n)) return [0.12, 0.85];
  if (/fee/.test(n)) return [0.001, 0.05];
  if (/charge/.test(n)) return [0.01, 0.02];
  if (/iof/.test(n)) return [0.000082, 0.0038];
  if (/monthly/.test(n) || periodicity === 'AM' || periodicity === 'MONTHLY') return [0.008, 0.045];
  if (/annual|yearly/.test(n) || periodicity === 'AA' || periodicity === 'YEARLY') return [0.1, 0.6];
  if (/post/.test(n)) return [0.01, 0.05];
  if (/insurance|opin|percentage/.test(`${parent} ${n}`)) return [0.5, 4];
  return [0.01, 0.35];
}

/** preFixedRate, feeRate, CET, interest_rate, tac_rate, effectiveCostRate, total_effective_cost… (not referentialRateIndexerType). */
export function isRateName(name: string): boolean {
  return /(rate|Rate|RATE|^CET|^cet|[pP]ercentage|[tT]axa|total_effective_cost)$/.test(name);
}

export function isAmountName(name: string, parent: string): boolean {
  if (isRateName(name)) return false;
  return (
    /amount|valor|value$|balance|limit|price|total|principal|paid|outstanding|owed|cost|debt|payment$|^payment|interest$|^iof$|fee$|premium|minimum_payment|resourcebalance|overdraft|arranged|used$|blocked|invested|^available|^current|monthly_payment|no_interest_payment|cession|issue_value|disbursement_amount|financed/i.test(
      `${name}`,
    ) || /amount|value|balance|limit/i.test(parent)
  );
}

/** A money amount in [low, high], as a number with 2 decimals. */
export function amountNumber(rng: Rng, [low, high]: [number, number]): number {
  // Log-uniform: small amounts are more common than large ones, as in real statements.
  const value = Math.exp(rng.float(Math.log(Math.max(low, 0.01)), Math.log(high)));
  return Math.round(value * 100) / 100;
}
