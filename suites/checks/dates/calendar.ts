/**
 * "Today" for booking-date windows. Brazilian institutions count days in
 * Brasília time (UTC−3, no daylight saving since 2019), a server may count in
 * UTC; the windows the checks send are valid under both readings, and an
 * entry is inside a window if its date is inside under either reading.
 */
const BRASILIA_OFFSET_MS = -3 * 60 * 60 * 1000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** Today in UTC and in Brasília: the same day except between 21:00 and 24:00 UTC. */
export function todays(now: Date): { utc: string; brasilia: string; earlier: string; later: string } {
  const utc = isoDay(now);
  const brasilia = isoDay(new Date(now.getTime() + BRASILIA_OFFSET_MS));
  return { utc, brasilia, earlier: utc < brasilia ? utc : brasilia, later: utc < brasilia ? brasilia : utc };
}

/** The calendar days an entry's date or date-time can be read as (UTC and Brasília). */
export function daysOf(value: string): string[] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return [value];
  const time = Date.parse(value);
  if (Number.isNaN(time)) return [];
  return [...new Set([isoDay(new Date(time)), isoDay(new Date(time + BRASILIA_OFFSET_MS))])];
}

/** The date field of a transaction, whichever name its API version uses. */
export function entryDate(item: unknown): { field: string; value: string } | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  for (const field of ['bookingDate', 'transactionDate', 'transactionDateTime', 'bookingDateTime', 'valueDateTime']) {
    if (typeof record[field] === 'string') return { field, value: record[field] as string };
  }
  return undefined;
}
