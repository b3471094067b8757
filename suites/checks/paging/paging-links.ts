/**
 * `paging-links`: the navigation links of every page read (the valid request
 * and the walk). Open Finance: `self` is the request; `prev` exactly when not
 * on page 1; `next` exactly when not on the last page; `first` required off
 * page 1 and `last` required before the last page, pointing at page 1 and at
 * totalPages. Belvo: `previous` null exactly on page 1, `next` null exactly
 * on the last page. Every navigation link keeps the request's query — its
 * filters and page size; only the page (and a pagination key, which belongs
 * to one page) may change — also on a filtered first page sent for the purpose
 * (filtered-page.ts), so a next link that drops a filter walks another list.
 */
import type { Exchange } from '../../http/exchange.ts';
import { pageOfLink, type PageView, type PagingProfile } from '../../plan/paging.ts';
import { whenLinksPaging } from '../guards.ts';
import { plural } from '../helpers.ts';
import { isSkip, type CheckFinding, type ProbeCheck } from '../types.ts';
import { filteredFirstPage } from './filtered-page.ts';
import { readablePages, requestedPage, requestedSize } from './walk.ts';

export const pagingLinks: ProbeCheck = {
  kind: 'probe',
  id: 'paging-links',
  description:
    'Paging links: self matches the request; first/prev/next/last (Belvo: previous/next) present exactly when they should be; last points at totalPages.',
  severity: 'error',
  guards: [whenLinksPaging],
  async run(ctx) {
    const pages = await readablePages(ctx);
    if (isSkip(pages)) return pages;
    const filtered = await filteredFirstPage(ctx);
    if (filtered) pages.push(filtered);
    const findings = pages.flatMap(({ exchange, view }) => linkFindings(exchange, view, ctx.paging!, ctx.operation.path));
    return {
      findings,
      evidence: findings[0]?.on ?? pages.at(-1)?.exchange,
      message: `the links of ${plural(pages.length, 'page')} are where they should be`,
    };
  },
};

function linkFindings(exchange: Exchange, view: PageView, paging: PagingProfile, pathTemplate: string): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const page = requestedPage(exchange, paging);
  const size = requestedSize(exchange, paging) ?? paging.defaultSize;
  const lastPage = lastPageOf(view, size);
  const add = (name: string, message: string, rule: string, actual?: unknown, expected?: unknown) =>
    findings.push({
      message: `page ${page}: ${message}`,
      path: paging.style === 'count-next' ? `$.${name === 'prev' ? 'previous' : name}` : `$.links.${name}`,
      rule,
      actual,
      expected,
      on: exchange,
    });
  const declared = (name: string) => (paging.style === 'count-next' ? name === 'next' || name === 'prev' : paging.linkNames.includes(name));
  const present = (name: keyof PageView['links']) => typeof view.links[name] === 'string';

  for (const [name, value] of Object.entries(view.links)) {
    if (typeof value !== 'string') continue;
    if (!isAbsoluteUrl(value)) add(name, `the ${name} link is not an absolute URL: ${value}`, 'absolute URL', value);
    else {
      const off = offTarget(value, exchange.request.url, pathTemplate);
      if (off) add(name, `the ${name} link ${off.message}: ${value}`, off.rule, value, off.expected);
      else if (name !== 'self') {
        const lost = lostQuery(value, exchange.request.url, paging);
        if (lost) add(name, `the ${name} link ${lost}: ${value}`, 'keeps the query of the request', value);
      }
    }
  }
  if (paging.style === 'links-meta') {
    const self = view.links.self;
    if (typeof self === 'string' && isAbsoluteUrl(self)) {
      const mismatch = selfMismatch(self, exchange, paging, pathTemplate);
      if (mismatch) add('self', `self does not match the request: ${mismatch}`, 'self = the request', self, exchange.request.url);
    }
  }
  if (declared('prev')) {
    if (page === 1 && present('prev')) add('prev', 'the first page has a previous-page link', 'absent on page 1', view.links.prev);
    if (page > 1 && (lastPage === undefined || page <= lastPage) && !present('prev'))
      add('prev', 'a page after the first has no previous-page link', 'present after page 1');
  }
  if (declared('next') && lastPage !== undefined) {
    if (page >= lastPage && present('next'))
      add('next', `the last page (${lastPage}) has a next link`, 'absent on the last page', view.links.next);
    if (page < lastPage && !present('next')) add('next', `page ${page} of ${lastPage} has no next link`, 'present before the last page');
  }
  if (declared('next') && lastPage === undefined && view.items.length < size && present('next')) {
    add(
      'next',
      `a page with fewer items (${view.items.length}) than the page size (${size}) has a next link`,
      'absent on the last page',
      view.links.next,
    );
  }
  if (declared('first')) {
    if (page > 1 && !present('first')) add('first', 'a page after the first has no first link', 'present after page 1');
    if (present('first') && !pointsAt(view.links.first!, 1, paging))
      add('first', 'the first link does not point at page 1', 'first → page 1', view.links.first, 1);
  }
  if (declared('last') && lastPage !== undefined) {
    if (page < lastPage && !present('last')) add('last', `page ${page} of ${lastPage} has no last link`, 'present before the last page');
    if (present('last')) {
      const target = pageOfLink(view.links.last!, paging);
      if (target !== undefined && target !== lastPage)
        add('last', `the last link points at page ${target}, but totalPages is ${lastPage}`, 'last → page totalPages', target, lastPage);
    }
  }
  if (paging.style === 'count-next' && present('next') && lastPage !== undefined && page < lastPage) {
    const target = pageOfLink(view.links.next!, paging);
    if (target !== undefined && target !== page + 1)
      add('next', `the next link points at page ${target}, not ${page + 1}`, 'next → page + 1', target, page + 1);
  }
  return findings;
}

/** The last page number: totalPages, or for Belvo the page count its `count` implies. */
function lastPageOf(view: PageView, size: number): number | undefined {
  if (view.totalPages !== undefined) return Math.max(1, view.totalPages);
  if (view.totalRecords !== undefined) return Math.max(1, Math.ceil(view.totalRecords / Math.max(1, size)));
  return undefined;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Why a link leaves the target: a scheme downgrade (https → http would send the
 * next request, credentials and all, in the clear), another origin, or a path
 * outside the target's base path. Undefined when it stays.
 */
function offTarget(
  link: string,
  requestUrl: string,
  pathTemplate: string,
): { message: string; rule: string; expected: string } | undefined {
  const url = new URL(link);
  const request = new URL(requestUrl);
  // http → https is not a leak (a TLS-terminating proxy in front of a plain target, or a spec pattern that demands https).
  const upgrade = request.protocol === 'http:' && url.protocol === 'https:';
  if (url.protocol !== request.protocol && !upgrade) {
    return {
      message:
        request.protocol === 'https:'
          ? 'downgrades https to http'
          : `uses ${url.protocol.slice(0, -1)}, not the target's ${request.protocol.slice(0, -1)}`,
      rule: 'same scheme as the target',
      expected: request.protocol.slice(0, -1),
    };
  }
  if (url.host !== request.host)
    return {
      message: `leaves the target's origin ${request.origin} for ${url.origin}`,
      rule: 'same origin as the target',
      expected: request.origin,
    };
  const base = basePathOf(request.pathname, pathTemplate);
  if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`))
    return { message: `leaves the target's base path ${base}`, rule: 'under the target base path', expected: base };
  return undefined;
}

/** The target's base path: the request's path without the operation's own (`/open-banking/accounts/v2` of `…/v2/accounts`). */
function basePathOf(requestPath: string, pathTemplate: string): string | undefined {
  const operation = new RegExp(`${pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`);
  const match = operation.exec(requestPath);
  return match ? requestPath.slice(0, match.index).replace(/\/+$/, '') : undefined;
}

function pointsAt(link: string, page: number, paging: PagingProfile): boolean {
  const target = pageOfLink(link, paging);
  return target === undefined ? page === 1 : target === page;
}

/** A pagination key belongs to the page it came with: a link may carry another one. */
const PAGINATION_KEY = /^pagination[-_]?key$/i;

/** How a navigation link changes the request's query beyond the page (a filter dropped or changed, another page size), or undefined. */
function lostQuery(link: string, requestUrl: string, paging: PagingProfile): string | undefined {
  const linked = new URL(link).searchParams;
  const asked = new URL(requestUrl).searchParams;
  for (const name of new Set(asked.keys())) {
    if (name === paging.pageName || PAGINATION_KEY.test(name)) continue;
    const want = asked.getAll(name).join(',');
    const got = linked.getAll(name).join(',');
    if (name === paging.sizeName && got === '') continue; // left to the default below
    if (want !== got) return got === '' ? `drops ${name}=${want}` : `changes ${name} from ${want} to ${got}`;
  }
  const size = asked.get(paging.sizeName) ?? String(paging.defaultSize);
  const linkedSize = linked.get(paging.sizeName) ?? String(paging.defaultSize);
  if (size !== linkedSize && Number(size) <= paging.maxSize) return `changes ${paging.sizeName} from ${size} to ${linkedSize}`;
  return undefined;
}

/** Why self is not the request (path, page, page size or another query parameter), or undefined. */
function selfMismatch(self: string, exchange: Exchange, paging: PagingProfile, pathTemplate: string): string | undefined {
  const selfUrl = new URL(self);
  const requestUrl = new URL(exchange.request.url);
  const pathPattern = new RegExp(`${pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`);
  if (!pathPattern.test(decodeURIComponent(selfUrl.pathname))) return `its path ${selfUrl.pathname} is not ${pathTemplate}`;
  const defaults: Record<string, string> = { [paging.pageName]: '1', [paging.sizeName]: String(paging.defaultSize) };
  const names = new Set([...requestUrl.searchParams.keys(), paging.pageName, paging.sizeName]);
  for (const name of names) {
    const asked = requestUrl.searchParams.get(name) ?? defaults[name];
    const said = selfUrl.searchParams.get(name) ?? defaults[name];
    if (asked !== said) return `${name} is ${said ?? 'absent'}, the request asked for ${asked ?? 'none'}`;
  }
  return undefined;
}
