/**
 * `paging-meta`: the totals of every page read agree with themselves and
 * with the page: no records ⇔ no pages, totals the same on every page of the
 * walk, and Opus' hasMoreRecords only on a full page and false exactly on
 * the last page: a page that says true must be followed by records, and the
 * page after one that says false must hold none.
 */
import type { Exchange } from '../../http/exchange.ts';
import type { PageView, PagingProfile } from '../../plan/paging.ts';
import { whenPaged, whenProfile } from '../guards.ts';
import { plural } from '../helpers.ts';
import { isSkip, type CheckFinding, type ProbeCheck } from '../types.ts';
import { readablePages, requestedPage, requestedSize, walkPages, type Walk } from './walk.ts';

export const pagingMeta: ProbeCheck = {
  kind: 'probe',
  id: 'paging-meta',
  description:
    'meta.totalRecords/totalPages agree with each other and with the page (no records ⇔ 0 pages, same totals on every page); hasMoreRecords only on a full page, false exactly on the last.',
  severity: 'error',
  // Totals live in `meta` only in a data/links/meta body (Belvo's `count` is the walk's business).
  guards: [whenPaged, whenProfile((profile) => profile.successBody === 'data-links-meta')],
  async run(ctx) {
    const pages = await readablePages(ctx);
    if (isSkip(pages)) return pages;
    if (ctx.paging!.style === 'count-next') return [];
    const findings: CheckFinding[] = [];
    let first: PageView | undefined;
    const pagesBySize = new Map<number | undefined, number | undefined>();
    for (const { exchange, view } of pages) {
      findings.push(...pageFindings(exchange, view, ctx.paging!.defaultSize, ctx.paging!));
      if (first === undefined) first = view;
      else if (first.totalRecords !== view.totalRecords) {
        findings.push({
          message: `totalRecords changed between pages: ${first.totalRecords}, then ${view.totalRecords}`,
          path: '$.meta.totalRecords',
          rule: 'same totalRecords on every page',
          on: exchange,
        });
      }
      // totalPages depends on the page size: compare it only between pages asked with the same size.
      const size = requestedSize(exchange, ctx.paging!);
      if (!pagesBySize.has(size)) pagesBySize.set(size, view.totalPages);
      else if (pagesBySize.get(size) !== view.totalPages) {
        findings.push({
          message: `totalPages changed between pages of the same size: ${pagesBySize.get(size)}, then ${view.totalPages}`,
          path: '$.meta.totalPages',
          rule: 'same totalPages on every page',
          on: exchange,
        });
      }
    }
    const walk = await walkPages(ctx);
    if (!isSkip(walk)) findings.push(...hasMoreFindings(walk));
    return { findings, evidence: findings[0]?.on ?? pages[0]?.exchange, message: `the totals of ${plural(pages.length, 'page')} agree` };
  },
};

function pageFindings(exchange: Exchange, view: PageView, defaultSize: number, paging: PagingProfile): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const page = requestedPage(exchange, paging);
  const { totalRecords: records, totalPages: pages } = view;
  const add = (message: string, path: string, rule: string, actual?: unknown) =>
    findings.push({ message: `page ${page}: ${message}`, path, rule, actual, on: exchange });
  if (records !== undefined && (!Number.isInteger(records) || records < 0))
    add(`totalRecords ${records} is not a whole number ≥ 0`, '$.meta.totalRecords', 'integer ≥ 0', records);
  if (pages !== undefined && (!Number.isInteger(pages) || pages < 0))
    add(`totalPages ${pages} is not a whole number ≥ 0`, '$.meta.totalPages', 'integer ≥ 0', pages);
  if (records !== undefined && pages !== undefined) {
    if ((records === 0) !== (pages === 0))
      add(
        `totalRecords ${records} with totalPages ${pages}: no records means no pages, and records need a page`,
        '$.meta',
        'totalRecords = 0 ⇔ totalPages = 0',
        { totalRecords: records, totalPages: pages },
      );
    if (pages > records)
      add(`totalPages ${pages} exceeds totalRecords ${records}`, '$.meta.totalPages', 'totalPages ≤ totalRecords', pages);
  }
  if (records !== undefined && view.items.length > records)
    add(
      `the page holds ${view.items.length} items, more than totalRecords ${records}`,
      '$.meta.totalRecords',
      'items ≤ totalRecords',
      records,
    );
  if (page === 1 && view.items.length === 0 && records !== undefined && records > 0)
    add(`page 1 is empty but totalRecords is ${records}`, '$.meta.totalRecords', 'empty data ⇒ totalRecords 0', records);
  const size = requestedSize(exchange, paging) ?? defaultSize;
  if (view.hasMore === true && view.items.length < size)
    add(
      `hasMoreRecords is true on a page of ${view.items.length} items (page size ${size})`,
      '$.meta.hasMoreRecords',
      'hasMoreRecords ⇒ full page',
      true,
    );
  return findings;
}

/** hasMoreRecords against what the walk found next: true before a page with records, false before one without. */
function hasMoreFindings(walk: Walk): CheckFinding[] {
  const findings: CheckFinding[] = [];
  walk.pages.forEach((page, index) => {
    const next = walk.pages[index + 1];
    if (page.view?.hasMore !== true || next === undefined) return;
    if (next.view === undefined || next.view.items.length === 0)
      findings.push({
        message: `page ${page.page} says hasMoreRecords true, but page ${next.page} ${next.view ? 'is empty' : 'could not be read'}: it is the last page`,
        path: '$.meta.hasMoreRecords',
        rule: 'hasMoreRecords false on the last page',
        actual: true,
        on: page.exchange,
      });
  });
  const beyond = walk.beyond;
  if (beyond?.view && beyond.view.items.length > 0) {
    const last = walk.pages[walk.pages.length - 1];
    findings.push({
      message: `page ${last?.page ?? beyond.page - 1} says hasMoreRecords false, but page ${beyond.page} holds ${plural(beyond.view.items.length, 'record')}`,
      path: '$.meta.hasMoreRecords',
      rule: 'hasMoreRecords true before the last page',
      actual: false,
      on: last?.exchange ?? beyond.exchange,
    });
  }
  return findings;
}
