/**
 * The page-size rules: honoured on every page read (exactly that many items
 * before the last page, never more, totalPages = ⌈totalRecords / size⌉, the
 * default when none is asked), the maximum accepted, one more than the
 * maximum rejected with 422 — or, for Belvo, treated as the maximum, as its
 * documentation says.
 */
import type { Exchange } from '../../http/exchange.ts';
import { planOf } from '../../engine/operation-context.ts';
import { withPage, type PageView, type PagingProfile } from '../../plan/paging.ts';
import { whenPaged, whenPageSize } from '../guards.ts';
import { expectStatus, isSuccess, pageOf, plural } from '../helpers.ts';
import { isSkip, type CheckFinding, type OperationContext, type ProbeCheck } from '../types.ts';
import { readablePages, requestedPage, requestedSize } from './walk.ts';

export const pageSizeHonoured: ProbeCheck = {
  kind: 'probe',
  id: 'page-size-honoured',
  description:
    'Every page holds exactly page-size items before the last page and never more; totalPages = ⌈totalRecords / page-size⌉; the default applies when none is asked.',
  severity: 'error',
  guards: [whenPaged],
  async run(ctx) {
    const pages = await readablePages(ctx);
    if (isSkip(pages)) return pages;
    const max = await maxSizeExchange(ctx);
    const maxView = isSuccess(max) ? pageOf(max, ctx) : undefined;
    if (maxView && !isSkip(maxView)) pages.push({ exchange: max, view: maxView });
    const findings = pages.flatMap(({ exchange, view }) => sizeFindings(exchange, view, ctx.paging!));
    const sizes = [...new Set(pages.map(({ exchange }) => requestedSize(exchange, ctx.paging!) ?? ctx.paging!.defaultSize))].sort(
      (a, b) => a - b,
    );
    return {
      findings,
      evidence: findings[0]?.on ?? pages.at(-1)?.exchange,
      message: `${plural(pages.length, 'page')} at page sizes ${sizes.join(', ')} hold what they should`,
    };
  },
};

function sizeFindings(exchange: Exchange, view: PageView, paging: PagingProfile): CheckFinding[] {
  const asked = requestedSize(exchange, paging);
  const size = Math.min(asked ?? paging.defaultSize, paging.maxSize);
  const page = requestedPage(exchange, paging);
  const what = asked === undefined ? `the default page size ${size}` : `page size ${size}`;
  const itemsPath = `$.${(paging.itemsPath ?? []).join('.')}`;
  const findings: CheckFinding[] = [];
  const total = view.totalRecords;
  const lastPage = view.totalPages ?? (total !== undefined ? Math.max(1, Math.ceil(total / size)) : undefined);
  if (view.items.length > size) {
    findings.push({
      message: `page ${page} holds ${view.items.length} items with ${what}`,
      path: itemsPath,
      rule: `at most ${size} items`,
      expected: size,
      actual: view.items.length,
      on: exchange,
    });
  } else if (lastPage !== undefined && page < lastPage && view.items.length !== size) {
    findings.push({
      message: `page ${page} of ${lastPage} holds ${view.items.length} items with ${what}; only the last page may hold fewer`,
      path: itemsPath,
      rule: `exactly ${size} items before the last page`,
      expected: size,
      actual: view.items.length,
      on: exchange,
    });
  }
  if (total !== undefined && view.totalPages !== undefined) {
    const expected = Math.ceil(total / size);
    if (view.totalPages !== expected) {
      findings.push({
        message: `totalPages is ${view.totalPages}, but ${total} records at ${what} make ${expected}`,
        path: '$.meta.totalPages',
        rule: '⌈totalRecords / page-size⌉',
        expected,
        actual: view.totalPages,
        on: exchange,
      });
    }
  }
  return findings;
}

export const pageSizeMaxAccepted: ProbeCheck = {
  kind: 'probe',
  id: 'page-size-max-accepted',
  description: 'The largest page size the spec allows (1000) is accepted with 200.',
  severity: 'error',
  guards: [whenPageSize],
  async run(ctx) {
    const exchange = await maxSizeExchange(ctx);
    return { findings: expectStatus(exchange, [200], `${ctx.paging!.sizeName}=${ctx.paging!.maxSize}`), evidence: exchange };
  },
};

/** Page 1 at the largest size: page-size-max-accepted judges the status, page-size-honoured the items. */
function maxSizeExchange(ctx: OperationContext): Promise<Exchange> {
  const paging = ctx.paging!;
  return ctx.probe(
    'page-size-max',
    `the request with ${paging.sizeName} ${paging.maxSize}`,
    withPage(planOf(ctx), paging, 1, paging.maxSize),
  );
}

export const pageSizeOverMax: ProbeCheck = {
  kind: 'probe',
  id: 'page-size-over-max',
  description: 'One more than the largest page size (1001) is rejected with 422 — for Belvo, treated as 1000 as its documentation says.',
  severity: 'error',
  guards: [whenPageSize],
  async run(ctx) {
    const paging = ctx.paging!;
    const over = paging.maxSize + 1;
    const exchange = await ctx.probe(
      'page-size-over-max',
      `the request with ${paging.sizeName} ${over}`,
      withPage(planOf(ctx), paging, 1, over),
    );
    // 422 is the standard's answer; an operation that documents no 422 rejects bad parameters with its documented 400.
    const rejected = ctx.operation.responses.some((r) => r.status === '422') ? 422 : [400, 422];
    if (paging.overMax === 'reject')
      return { findings: expectStatus(exchange, rejected, `${paging.sizeName}=${over}`), evidence: exchange };
    const findings = expectStatus(exchange, [200], `${paging.sizeName}=${over}, which the spec says is treated as ${paging.maxSize}`);
    const view = findings.length === 0 ? pageOf(exchange, ctx) : undefined;
    if (view && !isSkip(view) && view.items.length > paging.maxSize) {
      findings.push({
        message: `${paging.sizeName}=${over} returned ${view.items.length} items; it must be treated as ${paging.maxSize}`,
        path: `$.${(paging.itemsPath ?? []).join('.')}`,
        rule: `at most ${paging.maxSize} items`,
        actual: view.items.length,
        on: exchange,
      });
    }
    return { findings, evidence: exchange };
  },
};
