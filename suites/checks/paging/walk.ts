/**
 * The paging walk, shared by the paging checks: from page 1, with a page size
 * that makes about three pages, follow `next` (links and Belvo: the link's
 * query, sent to the target under test — never to the host the link names,
 * which would leak credentials; Opus: the next page number) until the last
 * page, an empty page, or the page limit.
 *
 * A body that declares a pagination key (Opus' `pagination-key`) gets one on
 * every page after the first, the same for the whole walk: the platform passes
 * on the key its client got with the first page, and the connector must serve
 * the page asked for whatever the key. No Opus answer hands a key out, so the
 * walk makes its own. Where the walk stops because `hasMoreRecords` is false,
 * the page after it is asked for too (`beyond`): it must hold nothing.
 */
import { planWithTypicalWindow } from '../dates/window-plan.ts';
import type { Exchange } from '../../http/exchange.ts';
import { withPage, type PageView, type PagingProfile } from '../../plan/paging.ts';
import type { RequestPlan } from '../../plan/request-plan.ts';
import { propertiesOf, requestBodySchema } from '../../plan/schema-shape.ts';
import { isSuccess, pageOf, successfulOrSkip, successfulValid } from '../helpers.ts';
import { isSkip, skip, type OperationContext, type Skip } from '../types.ts';

const UNKNOWN_TOTAL_PAGE_SIZE = 10;
const PAGINATION_KEY = /^pagination[-_]?key$/i;
/** The key the walk sends after page 1: one per walk, inside every documented `maxLength`. */
const WALK_KEY = 'aferir-walk-key-1';

interface WalkPage {
  exchange: Exchange;
  /** The page number asked for. */
  page: number;
  view?: PageView;
  /** Why this page could not be read (no response, not 2xx, not a page). */
  problem?: string;
}

export interface Walk {
  /** The page size the walk asked for. */
  size: number;
  pages: WalkPage[];
  /** True when the walk reached the last page (no next, or page = totalPages, or an empty page). */
  complete: boolean;
  /** True when it stopped at a next link it must not follow (not an absolute URL: paging-links reports it). */
  unfollowable?: boolean;
  /** Why it stopped, in words. */
  ended: string;
  /** The page after the one that said hasMoreRecords false (Opus). */
  beyond?: WalkPage;
}

export function walkPages(ctx: OperationContext): Promise<Walk | Skip> {
  return ctx.shared('walk', async () => {
    const valid = await successfulValid(ctx);
    if (isSkip(valid)) return valid;
    const first = pageOf(valid, ctx);
    if (isSkip(first)) return first;
    const paging = ctx.paging!;
    const total = first.totalRecords;
    // About three pages when the total is known; small pages when it is not (transactions), so there are several.
    // Always inside the parameter's own bounds: a spec with `minimum: 25` rightly refuses 10.
    const wanted =
      total === undefined ? Math.min(paging.defaultSize, UNKNOWN_TOTAL_PAGE_SIZE) : total <= 1 ? paging.defaultSize : Math.ceil(total / 3);
    const size = Math.max(paging.minSize, Math.min(paging.maxSize, wanted));
    const pages: WalkPage[] = [];
    let plan: RequestPlan = withPage(planWithTypicalWindow(ctx), paging, 1, size);
    const keyName =
      paging.location === 'body'
        ? Object.keys(propertiesOf(requestBodySchema(ctx.operation))).find((n) => PAGINATION_KEY.test(n))
        : undefined;
    for (let page = 1; page <= ctx.settings.maxWalkPages; page++) {
      const label = page === 1 ? `page 1 of the walk (page size ${size})` : `page ${page} of the walk`;
      const exchange = await ctx.probe(`walk:${page}`, label, plan);
      const ok = successfulOrSkip(exchange, label);
      const view = isSkip(ok) ? ok : pageOf(exchange, ctx);
      if (isSkip(view)) {
        pages.push({ exchange, page, problem: view.skip });
        return { size, pages, complete: false, ended: view.skip };
      }
      pages.push({ exchange, page, view });
      if (view.items.length === 0) return { size, pages, complete: true, ended: `page ${page} is empty` };
      if (view.totalPages !== undefined && page >= view.totalPages)
        return { size, pages, complete: true, ended: `page ${page} is the last (totalPages ${view.totalPages})` };
      const next = nextPlan(plan, view, paging, page, size);
      if (typeof next === 'string') {
        const walk: Walk = { size, pages, complete: true, ended: next };
        if (paging.style === 'meta' && view.hasMore === false) {
          const exchange = await ctx.probe(
            `walk:${page + 1}:beyond`,
            `page ${page + 1}, after the one that said no more records follow`,
            withKey(withPage(plan, paging, page + 1, size), keyName),
          );
          const readable = isSuccess(exchange) ? pageOf(exchange, ctx) : undefined;
          walk.beyond = { exchange, page: page + 1, view: readable && !isSkip(readable) ? readable : undefined };
        }
        return walk;
      }
      if ('unfollowable' in next) return { size, pages, complete: false, unfollowable: true, ended: next.unfollowable };
      plan = withKey(next, keyName);
    }
    return { size, pages, complete: false, ended: `the walk stopped after ${ctx.settings.maxWalkPages} pages (the page limit)` };
  });
}

/** The plan with the walk's pagination key in the body, when the body declares one. */
function withKey(plan: RequestPlan, keyName: string | undefined): RequestPlan {
  if (keyName === undefined) return plan;
  return { ...plan, body: { ...((plan.body as Record<string, unknown> | undefined) ?? {}), [keyName]: WALK_KEY } };
}

function nextPlan(
  plan: RequestPlan,
  view: PageView,
  paging: PagingProfile,
  page: number,
  size: number,
): RequestPlan | string | { unfollowable: string } {
  if (paging.style === 'meta') {
    if (view.totalPages === undefined && view.hasMore !== true) return `page ${page} says no more records follow`;
    return withPage(plan, paging, page + 1, size);
  }
  const next = view.links.next;
  if (typeof next !== 'string') return `page ${page} has no next link`;
  // Never resolved against the server: a link that is not an absolute URL is a defect (paging-links), not a page to guess at.
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return { unfollowable: `page ${page}'s next link is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { unfollowable: `page ${page}'s next link is not an http(s) URL` };
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { ...plan, query };
}

/** The page number an exchange asked for (1 when it named none). */
export function requestedPage(exchange: Exchange, paging: PagingProfile): number {
  const value =
    paging.location === 'query'
      ? new URL(exchange.request.url).searchParams.get(paging.pageName)
      : (exchange.request.body as Record<string, unknown> | undefined)?.[paging.pageName];
  const page = Number(value ?? 1);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The page size an exchange asked for, or undefined when it left it to the default. */
export function requestedSize(exchange: Exchange, paging: PagingProfile): number | undefined {
  const value =
    paging.location === 'query'
      ? new URL(exchange.request.url).searchParams.get(paging.sizeName)
      : (exchange.request.body as Record<string, unknown> | undefined)?.[paging.sizeName];
  if (value === null || value === undefined) return undefined;
  const size = Number(value);
  return Number.isFinite(size) ? size : undefined;
}

/** The valid page and every readable walk page, for checks that judge each page. */
export async function readablePages(ctx: OperationContext): Promise<Array<{ exchange: Exchange; view: PageView }> | Skip> {
  const valid = await successfulValid(ctx);
  if (isSkip(valid)) return valid;
  const first = pageOf(valid, ctx);
  if (isSkip(first)) return first;
  const walk = await walkPages(ctx);
  const pages = [{ exchange: valid, view: first }];
  if (!isSkip(walk)) for (const page of walk.pages) if (page.view) pages.push({ exchange: page.exchange, view: page.view });
  return pages.length > 0 ? pages : skip('no page could be read');
}
