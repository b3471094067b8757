/**
 * Dates as the Brazilian APIs write them. All arithmetic is in UTC days so
 * that the same `now` gives the same strings on every machine.
 */
export const DAY_MS = 86_400_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** `yyyy-MM-dd` (zero-padded, as `format: date` demands even where a spec's pattern would accept `2021-5-1`). */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `yyyy-MM-ddTHH:mm:ssZ`: the 20-character form OFB's `maxLength: 20` date-times need. */
export function isoSeconds(ms: number): string {
  const d = new Date(ms);
  return `${isoDate(ms)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

/** `yyyy-MM-ddTHH:mm:ss.SSSZ`: what transactionDateTime's pattern demands (exactly three millisecond digits). */
function isoMillis(ms: number): string {
  const d = new Date(ms);
  return `${isoDate(ms)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${pad3(d.getUTCMilliseconds())}Z`;
}

/** `yyyy-MM-ddTHH:mm:ss-03:00`: Brasília offset, for specs whose pattern wants an explicit offset. */
function isoOffset(ms: number): string {
  const local = ms - 3 * 3_600_000;
  const d = new Date(local);
  return `${isoDate(local)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}-03:00`;
}

/** The ways a Date can be written, tried in this order against a field's rules (plain dates last). */
export const DATE_STYLES = [isoSeconds, isoMillis, isoOffset, isoDate] as const;

/** Midnight UTC of the day that contains `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Parses `yyyy-MM-dd` strictly (zero-padded, a real calendar day) to midnight UTC; undefined otherwise. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(ms) === text ? ms : undefined;
}

/** Adds calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29), as instalment schedules do. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const day = d.getUTCDate();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** RFC 7231 date for the `x-fapi-auth-date` header. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** A calendar day (no time of day): written `yyyy-MM-dd` wherever the field accepts it, before any date-time style. */
export class Day extends Date {}
