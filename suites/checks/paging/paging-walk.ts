/** `paging-walk`: walking `next` from page 1 visits totalRecords items, each once. */
import type { Exchange } from '../../http/exchange.ts';
import { plural } from '../helpers.ts';
import { whenPaged } from '../guards.ts';
import { isSkip, skip, type CheckFinding, type ProbeCheck } from '../types.ts';
import { walkPages } from './walk.ts';

export const pagingWalk: ProbeCheck = {
  kind: 'probe',
  id: 'paging-walk',
  description: 'Walking next from page 1 yields totalRecords items (count for Belvo), with no duplicates and no gaps.',
  severity: 'error',
  guards: [whenPaged],
  async run(ctx) {
    const walk = await walkPages(ctx);
    if (isSkip(walk)) return walk;
    const findings: CheckFinding[] = [];
    for (const page of walk.pages) {
      if (page.problem) findings.push({ message: `the walk could not read page ${page.page}: ${page.problem}`, on: page.exchange });
    }
    const seen = new Map<string, Exchange>();
    const duplicates: string[] = [];
    let count = 0;
    let duplicateOn: Exchange | undefined;
    for (const page of walk.pages) {
      for (const item of page.view?.items ?? []) {
        count++;
        const key = identity(item);
        if (seen.has(key)) {
          duplicates.push(key);
          duplicateOn ??= page.exchange;
        } else seen.set(key, page.exchange);
      }
    }
    if (duplicates.length > 0) {
      findings.push({
        message: `${plural(duplicates.length, 'item')} appeared on more than one page`,
        rule: 'no duplicates',
        actual: duplicates.slice(0, 10),
        on: duplicateOn,
      });
    }
    const total = walk.pages[0]?.view?.totalRecords;
    const last = walk.pages[walk.pages.length - 1];
    if (walk.complete && total !== undefined && count !== total) {
      findings.push({
        message: `walking next from page 1 (page size ${walk.size}) yielded ${plural(count, 'item')}, but the total says ${total}`,
        path: ctx.paging!.style === 'count-next' ? '$.count' : '$.meta.totalRecords',
        rule: 'items walked = total',
        expected: total,
        actual: count,
        on: last?.exchange,
      });
    }
    // A next link that is not a URL stops the walk short; paging-links fails it, and the totals here cannot be judged.
    if (findings.length === 0 && walk.unfollowable) return skip(`the walk could not go on: ${walk.ended} (see paging-links)`);
    const message =
      findings.length === 0
        ? `${plural(count, 'item')} on ${plural(walk.pages.length, 'page')} (page size ${walk.size}), none twice; ${walk.ended}`
        : undefined;
    return { findings, evidence: last?.exchange, message };
  },
};

/** An item's identity: its `id` or first `…Id` field, else its whole content. */
function identity(item: unknown): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    const key = 'id' in record ? 'id' : Object.keys(record).find((name) => /Id$/.test(name));
    if (key !== undefined && record[key] !== undefined) return `${key}=${JSON.stringify(record[key])}`;
  }
  return JSON.stringify(item);
}
