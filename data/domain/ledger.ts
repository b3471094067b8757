/**
 * An account's statement as pure functions of the entry index, so that a
 * million entries cost nothing until asked for and entry 999,999 costs what
 * entry 0 costs.
 *
 * - Entry i is booked at `time(i)`, strictly increasing: booked entries are
 *   spread over [opening, now), scheduled ones (LANCAMENTO_FUTURO) over the
 *   next twelve months.
 * - Credit or debit follows a per-account mask of period P, so counting the
 *   credits (or debits) before i, and finding the n-th one, are O(1): that is
 *   what makes `creditDebitIndicator` filtering lazy.
 * - The balance at the start of each period of P booked entries is a pure
 *   function of the period; the entries inside are scaled (in cents) so that
 *   they lead exactly from one period's balance to the next. Any balance is
 *   therefore O(P) to compute, and balances reconcile with amounts to the cent.
 */
import { mix, unit } from '../random.ts';

export const PERIOD = 32;

export interface LedgerOptions {
  /** 32-bit key of the account (world seed × account id). */
  key: number;
  /** Epoch ms of the first booked entry's period start (the account's opening). */
  start: number;
  /** Epoch ms of the world's clock: booked entries are before it, scheduled ones after. */
  now: number;
  /** Number of booked entries. */
  booked: number;
  /** Number of scheduled (future) entries, spread over the next 365 days. */
  scheduled: number;
  /** The typical balance of the account in cents; amounts scale with it. */
  scaleCents: number;
  /** Credits per period of 32 entries (1..31). */
  creditsPerPeriod: number;
  /**
   * The size class of entry `index` (given whether it is a credit and a uniform draw u): a relative weight, or a
   * fixed amount in cents that period balancing never rescales (fees, interest). Default: weight 1.
   */
  shape?: (index: number, credit: boolean, u: number) => EntryShape;
}

export interface EntryShape {
  weight: number;
  fixedCents?: number;
}

interface PeriodCache {
  amounts: Float64Array;
  /** Entries whose amount is fixed (fees): never rescaled. */
  fixed: Uint8Array;
  /** balances[j] = balance after the j-th entry of the period. */
  balances: Float64Array;
}

const FUTURE_SPAN_MS = 365 * 86_400_000;

export class Ledger {
  readonly total: number;
  readonly booked: number;
  readonly scheduled: number;
  private readonly mask: boolean[] = [];
  private readonly creditPositions: number[] = [];
  private readonly debitPositions: number[] = [];
  private readonly creditsBeforeInPeriod: number[] = [0];
  private readonly bookedStep: number;
  private readonly futureStep: number;
  private readonly periods = new Map<number, PeriodCache>();
  private readonly keyTime: number;
  private readonly keyAmount: number;
  private readonly keyBase: number;

  constructor(private readonly options: LedgerOptions) {
    this.booked = Math.max(0, Math.floor(options.booked));
    this.scheduled = Math.max(0, Math.floor(options.scheduled));
    this.total = this.booked + this.scheduled;
    this.bookedStep = this.booked > 0 ? (options.now - options.start) / this.booked : 0;
    this.futureStep = this.scheduled > 0 ? FUTURE_SPAN_MS / this.scheduled : 0;
    this.keyTime = mix(options.key, 1);
    this.keyAmount = mix(options.key, 2);
    this.keyBase = mix(options.key, 3);
    const credits = Math.min(PERIOD - 1, Math.max(1, options.creditsPerPeriod));
    // A shuffled mask with exactly `credits` credits: both kinds occur in every full period.
    const order = Array.from({ length: PERIOD }, (_, i) => i).sort((a, b) => unit(mix(options.key, 4), a) - unit(mix(options.key, 4), b));
    const creditSet = new Set(order.slice(0, credits));
    for (let j = 0; j < PERIOD; j++) {
      const credit = creditSet.has(j);
      this.mask.push(credit);
      (credit ? this.creditPositions : this.debitPositions).push(j);
      this.creditsBeforeInPeriod.push(this.creditsBeforeInPeriod[j]! + (credit ? 1 : 0));
    }
  }

  // The per-period tables (mask, creditsBeforeInPeriod, a period's amounts and balances) hold PERIOD entries
  // (creditsBeforeInPeriod one more) and entry indexes are ≥ 0, so an `index % PERIOD` lookup is always there.
  isCredit(index: number): boolean {
    return this.mask[index % PERIOD]!;
  }

  isScheduled(index: number): boolean {
    return index >= this.booked;
  }

  /** Epoch ms of entry `index`; strictly increasing in the index. */
  time(index: number): number {
    const jitter = unit(this.keyTime, index);
    if (index < this.booked) return Math.floor(this.options.start + (index + 0.9 * jitter) * this.bookedStep);
    const j = index - this.booked;
    return Math.floor(this.options.now + (j + 0.05 + 0.9 * jitter) * this.futureStep) + 1;
  }

  /** The smallest index whose time is ≥ `ms` (total when none is). */
  indexAtOrAfter(ms: number): number {
    let low = 0;
    let high = this.total;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.time(middle) < ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** How many entries of the kind lie before `index` (kind undefined = all). */
  countBefore(index: number, credit?: boolean): number {
    if (credit === undefined) return index;
    const full = Math.floor(index / PERIOD) * this.creditPositions.length + this.creditsBeforeInPeriod[index % PERIOD]!;
    return credit ? full : index - full;
  }

  /** The index of the entry of rank `rank` among the entries of the kind (rank counted from index 0). */
  indexOfRank(rank: number, credit?: boolean): number {
    if (credit === undefined) return rank;
    const positions = credit ? this.creditPositions : this.debitPositions;
    return Math.floor(rank / positions.length) * PERIOD + positions[rank % positions.length]!;
  }

  /** Amount of entry `index` in cents (always positive; its sign is `isCredit`). */
  amountCents(index: number): number {
    if (index >= this.booked) return this.rawAmount(index);
    const period = this.period(Math.floor(index / PERIOD));
    return period.amounts[index % PERIOD]!;
  }

  /** The opening balance, before entry 0, in cents. */
  openingBalanceCents(): number {
    return this.base(0);
  }

  /** The balance after booked entry `index` in cents (index −1 = the opening balance). */
  balanceAfterCents(index: number): number {
    if (index < 0) return this.base(0);
    const last = Math.min(index, this.booked - 1);
    const period = this.period(Math.floor(last / PERIOD));
    return period.balances[last % PERIOD]!;
  }

  /** The balance now: after the last booked entry. */
  currentBalanceCents(): number {
    return this.balanceAfterCents(this.booked - 1);
  }

  /** The size of entry `index` before balancing: credits are larger and rarer than debits; fees are fixed. */
  private rawAmount(index: number): number {
    return this.rawEntry(index).cents;
  }

  private rawEntry(index: number): { cents: number; fixed: boolean } {
    const u = unit(this.keyAmount, index);
    const credit = this.isCredit(index);
    const shape = this.options.shape?.(index, credit, u) ?? { weight: 1 };
    if (shape.fixedCents !== undefined) return { cents: Math.max(1, Math.round(shape.fixedCents)), fixed: true };
    const scale = this.options.scaleCents;
    const v = unit(this.keyAmount ^ 0x27d4eb2d, index);
    const raw = credit ? (scale / 6) * (0.2 + 1.6 * v) : (scale / 45) * (0.1 + 2.5 * v * v);
    return { cents: Math.max(100, Math.round(raw * shape.weight)), fixed: false };
  }

  /** The balance at the start of period k (cents): a pure function of k. */
  private base(k: number): number {
    return Math.round(this.options.scaleCents * (0.6 + 0.8 * unit(this.keyBase, k)));
  }

  private period(k: number): PeriodCache {
    let cached = this.periods.get(k);
    if (cached) return cached;
    const first = k * PERIOD;
    const length = Math.min(PERIOD, this.booked - first);
    const amounts = new Float64Array(length);
    const fixed = new Uint8Array(length);
    // Totals per side: all entries, and the part that may be rescaled.
    let credits = 0;
    let debits = 0;
    let scalableCredits = 0;
    let scalableDebits = 0;
    for (let j = 0; j < length; j++) {
      const entry = this.rawEntry(first + j);
      amounts[j] = entry.cents;
      fixed[j] = entry.fixed ? 1 : 0;
      if (this.mask[j]) {
        credits += entry.cents;
        if (!entry.fixed) scalableCredits += entry.cents;
      } else {
        debits += entry.cents;
        if (!entry.fixed) scalableDebits += entry.cents;
      }
    }
    const opening = this.base(k);
    if (length === PERIOD) {
      // Rescale one side's non-fixed entries so that the period ends exactly on the next period's balance.
      const delta = this.base(k + 1) - opening;
      const creditTarget = delta + debits - (credits - scalableCredits);
      const debitTarget = credits - delta - (debits - scalableDebits);
      if (delta >= 0 && scalableCredits > 0 && creditTarget > 0) scaleSide(amounts, fixed, this.mask, true, creditTarget, scalableCredits);
      else if (scalableDebits > 0 && debitTarget > 0) scaleSide(amounts, fixed, this.mask, false, debitTarget, scalableDebits);
      else if (scalableCredits > 0 && creditTarget > 0) scaleSide(amounts, fixed, this.mask, true, creditTarget, scalableCredits);
      // Whatever is left (rounding, a side made only of fees) goes to the period's first credit or first debit,
      // as an addition, so amounts stay positive and the period always ends on the next period's balance.
      let end = opening;
      for (let j = 0; j < length; j++) end += this.mask[j] ? amounts[j]! : -amounts[j]!;
      const residual = this.base(k + 1) - end;
      // The mask holds 1..PERIOD-1 credits, so both position lists have a first entry.
      if (residual > 0) amounts[this.creditPositions[0]!]! += residual;
      else if (residual < 0) amounts[this.debitPositions[0]!]! -= residual;
    }
    const balances = new Float64Array(length);
    let balance = opening;
    for (let j = 0; j < length; j++) {
      balance += this.mask[j] ? amounts[j]! : -amounts[j]!;
      balances[j] = balance;
    }
    cached = { amounts, balances, fixed };
    if (this.periods.size >= 16) this.periods.delete(this.periods.keys().next().value as number);
    this.periods.set(k, cached);
    return cached;
  }
}

/** Rescales the non-fixed entries of one side (credits or debits) so that they sum to `target` cents exactly, each ≥ 1 cent. */
function scaleSide(amounts: Float64Array, fixed: Uint8Array, mask: boolean[], credit: boolean, target: number, current: number): void {
  const factor = target / current;
  let sum = 0;
  let largest = -1;
  for (let j = 0; j < amounts.length; j++) {
    if (mask[j] !== credit || fixed[j] === 1) continue;
    const amount = Math.max(1, Math.round(amounts[j]! * factor));
    amounts[j] = amount;
    sum += amount;
    if (largest < 0 || amount > amounts[largest]!) largest = j;
  }
  if (largest >= 0) amounts[largest]! += target - sum;
}
