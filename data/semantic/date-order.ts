/**
 * Dates in their natural order inside one record: a candidate date for an
 * "end" field is moved after the "start" sibling already generated, and the
 * other way round (start ≤ end, issue ≤ due/maturity, contract ≤ settlement,
 * opening ≤ closing).
 */
import type { Rng } from '../random.ts';
import type { Siblings } from '../schema/plan.ts';

const DAY_MS = 86_400_000;
const PAIRS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/start|begin|initial|inicio/, /end|final|termination|fim/],
  [/issue|emission/, /due|maturity|expiration/],
  [/contract/, /settlement|liquidation/],
  [/opening|open(ed)?date/, /closing|closed?date/],
];

const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const stem = (name: string, word: RegExp): string =>
  norm(name)
    .replace(word, '')
    .replace(/date|day|time|at$/g, '');

/** `termStartDate`/`termEndDate` belong together; so does a bare `startDate` with any end. */
function related(a: string, wordA: RegExp, b: string, wordB: RegExp): boolean {
  const sa = stem(a, wordA);
  const sb = stem(b, wordB);
  return sa === sb || sa === '' || sb === '';
}

/** The candidate (epoch ms) moved, if needed, so that it keeps its order with the dated siblings. */
export function orderedDate(name: string, candidate: number, siblings: Siblings, rng: Rng): number {
  let at = candidate;
  for (const [early, late] of PAIRS) {
    const n = norm(name);
    const isEarly = early.test(n) && !late.test(n);
    const isLate = late.test(n) && !early.test(n);
    if (!isEarly && !isLate) continue;
    for (const [key, value] of Object.entries(siblings ?? {})) {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) continue;
      const other = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
      if (!Number.isFinite(other)) continue;
      const k = norm(key);
      if (isLate && early.test(k) && !late.test(k) && related(key, early, name, late) && at < other) at = other + rng.int(1, 365) * DAY_MS;
      if (isEarly && late.test(k) && !early.test(k) && related(name, early, key, late) && at > other) at = other - rng.int(1, 365) * DAY_MS;
    }
  }
  return at;
}
