/**
 * A filtered first page, for the rule that navigation links keep the query:
 * the valid request with one documented equality filter set to a value at
 * least two items of the list share, at the smallest page size, so that the
 * answer must have a next link — and that link must carry the filter on.
 * Undefined when no filter can be used so (none documented, no shared value,
 * or the filtered request is not answered with a page: filters-honoured and
 * invalid-request-rejected judge that).
 */
import type { Exchange } from '../../http/exchange.ts';
import { filterOf, itemSchemaHas, memberOf } from '../../plan/filters.ts';
import { withPage, type PageView } from '../../plan/paging.ts';
import { planOf } from '../../engine/operation-context.ts';
import { isSuccess, pageOf, successfulValid } from '../helpers.ts';
import { isSkip, type OperationContext } from '../types.ts';

/** Query members that trim results rather than filter them (django style). */
const PROJECTIONS = new Set(['fields', 'omit']);

export interface FilteredPage {
  exchange: Exchange;
  view: PageView;
  /** The filter sent. */
  parameter: string;
}

export function filteredFirstPage(ctx: OperationContext): Promise<FilteredPage | undefined> {
  return ctx.shared('filtered-first-page', async () => {
    const paging = ctx.paging;
    if (paging?.location !== 'query' || paging.itemsPath === undefined) return undefined;
    const valid = await successfulValid(ctx);
    if (isSkip(valid)) return undefined;
    const list = pageOf(valid, ctx);
    if (isSkip(list)) return undefined;
    const django = ctx.profile.filterLookups === 'django';
    const size = paging.minSize;
    for (const parameter of ctx.operation.parameters) {
      if (parameter.required || parameter.name === paging.pageName || parameter.name === paging.sizeName) continue;
      if (django && PROJECTIONS.has(parameter.name)) continue;
      const filter = filterOf(parameter, django);
      if (!filter || filter.lookup !== 'exact' || !itemSchemaHas(ctx.operation, paging.itemsPath, filter.path)) continue;
      const counts = new Map<string, number>();
      for (const item of list.items) {
        const value = memberOf(item, filter);
        if (value !== undefined) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
      }
      const shared = [...counts].find(([, count]) => count > size);
      if (!shared) continue;
      const base = planOf(ctx);
      const plan = withPage({ ...base, query: { ...base.query, [parameter.name]: shared[0] } }, paging, 1, size);
      const exchange = await ctx.probe(`filtered-page:${parameter.name}`, `page 1 filtered by ${parameter.name} (page size ${size})`, plan);
      if (!isSuccess(exchange)) return undefined;
      const view = pageOf(exchange, ctx);
      return isSkip(view) ? undefined : { exchange, view, parameter: parameter.name };
    }
    return undefined;
  });
}
