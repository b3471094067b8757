/** Query strings and percent-encoding, read without ever throwing. */
import { parse } from 'node:querystring';

export type RawQuery = Record<string, string | string[]>;

const EMPTY: RawQuery = Object.freeze(Object.create(null));

export function parseQuery(rawQuery: string): RawQuery {
  if (rawQuery === '') return EMPTY;
  return parse(rawQuery) as RawQuery;
}

/** A `%` not followed by two hex digits, or escapes that do not decode to UTF-8. */
export function hasBadPercentEncoding(text: string): boolean {
  if (!text.includes('%')) return false;
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return true;
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return false;
  } catch {
    return true;
  }
}
