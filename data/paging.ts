/**
 * Shared by the mock server and `aferir data` (data/envelope.ts), so that
 * both follow one set of paging rules. Paging arithmetic and the Open Finance `links`: `self` is the request URL;
 * `first`/`prev` appear when not on page one, `next`/`last` when not on the
 * last page (only those the spec's links schema declares: transactions have no
 * `last`), all absolute under the API's public base, each keeping the
 * request's other query parameters.
 */
export interface PageWindow {
  page: number;
  pageSize: number;
  total: number;
  /** 0 when there is nothing, so that empty data reports totalRecords = totalPages = 0. */
  totalPages: number;
  offset: number;
  /** Items on this page. */
  count: number;
}

export function pageWindow(page: number, pageSize: number, total: number): PageWindow {
  const totalPages = total === 0 ? 0 : Math.ceil(total / pageSize);
  const offset = (page - 1) * pageSize;
  const count = Math.max(0, Math.min(pageSize, total - offset));
  return { page, pageSize, total, totalPages, offset, count };
}

/** The request's query without the paging parameters, as raw (still encoded) `name=value` parts. */
export function queryWithout(rawQuery: string, names: readonly string[]): string[] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').filter((part) => {
    if (part === '') return false;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    return !names.includes(safeDecode(name));
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export interface LinkNames {
  page: string;
  pageSize: string;
}

/** Dropped from links besides the paging names: a pagination key belongs to the page it came with. */
const PAGINATION_KEY = 'pagination-key';

export function pageUrl(origin: string, path: string, kept: readonly string[], names: LinkNames, pageSize: number, page: number): string {
  const parts = [...kept, `${names.pageSize}=${pageSize}`, `${names.page}=${page}`];
  return `${origin}${path}?${parts.join('&')}`;
}

/**
 * `declared` = the property names of the spec's links schema (so that a
 * schema without `last` never gets one).
 */
export function buildLinks(
  declared: ReadonlySet<string>,
  names: LinkNames,
  selfUrl: string,
  origin: string,
  path: string,
  rawQuery: string,
  window: PageWindow,
): Record<string, string> {
  const links: Record<string, string> = { self: selfUrl };
  if (window.totalPages <= 1 && window.page <= 1) return links;
  const kept = queryWithout(rawQuery, [names.page, names.pageSize, PAGINATION_KEY]);
  const url = (page: number) => pageUrl(origin, path, kept, names, window.pageSize, page);
  const lastPage = Math.max(window.totalPages, 1);
  if (window.page > 1) {
    if (declared.has('first')) links.first = url(1);
    if (declared.has('prev')) links.prev = url(Math.min(window.page - 1, lastPage));
  }
  if (window.page < window.totalPages) {
    if (declared.has('next')) links.next = url(window.page + 1);
    if (declared.has('last')) links.last = url(lastPage);
  }
  return links;
}
