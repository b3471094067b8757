/**
 * `filters-honoured`: every documented list filter is sent with a value taken
 * from the unfiltered list — chosen so that some items must drop out — and
 * every item of the answer satisfies it (equality, `__in`, the bounds,
 * `__range`, `__icontains`; the family's profile says which lookup syntax).
 * With django-style lookups, `fields` keeps only the named member and `omit`
 * drops it. A filter no item of the list carries a value for is not judged.
 */
import { planWithTypicalWindow } from '../dates/window-plan.ts';
import type { Exchange } from '../../http/exchange.ts';
import { filterOf, filterValue, itemSchemaHas, memberOf, type Filter } from '../../plan/filters.ts';
import { whenPaged } from '../guards.ts';
import { pageOf, plural, successfulOrSkip } from '../helpers.ts';
import { isSkip, skip, type CheckFinding, type OperationContext, type ProbeCheck } from '../types.ts';

/** The query members that trim results rather than filter them (django style). */
const PROJECTIONS = ['fields', 'omit'];

export const filtersHonoured: ProbeCheck = {
  kind: 'probe',
  id: 'filters-honoured',
  description:
    'Every documented list filter (equality, __in, __gt/__gte/__lt/__lte, __range, __icontains; fields/omit) returns only items that satisfy it.',
  severity: 'error',
  guards: [whenPaged, (ctx) => filtersOf(ctx).length > 0 || projectionsOf(ctx).length > 0],
  async run(ctx) {
    // The valid request with the operation's typical date window, if it takes one: a statement has entries to filter then.
    const base = await ctx.probe('filter:none', 'the unfiltered list', planWithTypicalWindow(ctx));
    const valid = successfulOrSkip(base, 'the unfiltered list');
    if (isSkip(valid)) return valid;
    const page = pageOf(valid, ctx);
    if (isSkip(page)) return page;
    if (page.items.length === 0) return skip('the unfiltered list is empty: no value to filter by');
    const findings: CheckFinding[] = [];
    const exercised: string[] = [];
    let evidence: Exchange | undefined;
    for (const filter of filtersOf(ctx)) {
      const values = page.items.map((item) => memberOf(item, filter)).filter((v): v is string | number => v !== undefined);
      const chosen = filterValue(filter, values);
      if (!chosen) continue;
      const exchange = await send(ctx, filter.parameter, chosen.query);
      evidence ??= exchange;
      exercised.push(filter.parameter);
      findings.push(...judge(exchange, ctx, filter, chosen));
    }
    const sample = page.items[0];
    const member = sample !== null && typeof sample === 'object' ? Object.keys(sample).find((k) => k !== 'id') : undefined;
    for (const name of projectionsOf(ctx)) {
      if (member === undefined) break;
      const exchange = await send(ctx, name, member, 'projection');
      exercised.push(name);
      const view = readItems(exchange, ctx);
      if (typeof view === 'string') findings.push({ message: `${name}=${member}: ${view}`, on: exchange });
      else {
        const wrong = view.filter((item) => (name === 'fields' ? Object.keys(item).some((k) => k !== member) : member in item));
        if (wrong.length > 0)
          findings.push({
            message: `${name}=${member}: ${plural(wrong.length, 'result')} ${name === 'fields' ? 'carry other members too' : `still carry ${member}`}`,
            rule: name === 'fields' ? `only ${member}` : `no ${member}`,
            actual: Object.keys(wrong[0]!),
            on: exchange,
          });
      }
    }
    if (exercised.length === 0) return skip('no item of the list carries a value any filter could use');
    return {
      findings,
      evidence: findings[0]?.on ?? evidence,
      message: `${plural(exercised.length, 'filter')} honoured: ${exercised.join(', ')}`,
    };
  },
};

function filtersOf(ctx: OperationContext): Filter[] {
  const paging = ctx.paging;
  const django = ctx.profile.filterLookups === 'django';
  return ctx.operation.parameters
    .filter((p) => !p.required && p.name !== paging?.pageName && p.name !== paging?.sizeName && !(django && PROJECTIONS.includes(p.name)))
    .map((p) => filterOf(p, django))
    .filter((f): f is Filter => f !== undefined && itemSchemaHas(ctx.operation, ctx.paging?.itemsPath ?? [], f.path));
}

function projectionsOf(ctx: OperationContext): string[] {
  if (ctx.profile.filterLookups !== 'django') return [];
  return PROJECTIONS.filter((name) => ctx.operation.parameters.some((p) => p.in === 'query' && p.name === name));
}

function send(ctx: OperationContext, name: string, value: string, kind = 'filter'): Promise<Exchange> {
  const plan = planWithTypicalWindow(ctx);
  return ctx.probe(`${kind}:${name}`, `the list filtered by ${name}=${value}`, { ...plan, query: { ...plan.query, [name]: value } });
}

function readItems(exchange: Exchange, ctx: OperationContext): Array<Record<string, unknown>> | string {
  if (!exchange.response) return `no response (${exchange.failure?.message ?? 'failed'})`;
  if (exchange.response.status !== 200) return `answered ${exchange.response.status}, not 200`;
  const page = pageOf(exchange, ctx);
  if (isSkip(page)) return page.skip;
  return page.items.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object');
}

function judge(
  exchange: Exchange,
  ctx: OperationContext,
  filter: Filter,
  chosen: { query: string; accepts: (v: string | number) => boolean },
): CheckFinding[] {
  const asked = `${filter.parameter}=${chosen.query}`;
  const items = readItems(exchange, ctx);
  if (typeof items === 'string') return [{ message: `${asked}: ${items}`, rule: 'status 200', on: exchange }];
  const wrong = items.filter((item) => {
    const value = memberOf(item, filter);
    return value === undefined || !chosen.accepts(value);
  });
  const findings: CheckFinding[] = [];
  if (wrong.length > 0)
    findings.push({
      message: `${asked}: ${plural(wrong.length, 'result')} of ${items.length} do not satisfy it`,
      path: `$.${ctx.paging!.itemsPath!.join('.')}[*].${filter.path.join('.')}`,
      rule: `${filter.lookup} ${chosen.query}`,
      actual: memberOf(wrong[0], filter) ?? null,
      on: exchange,
    });
  // Every lookup is given a value some listed item has (or bounds it): an empty answer drops a match.
  if (items.length === 0 && filter.lookup !== 'gt' && filter.lookup !== 'lt')
    findings.push({ message: `${asked}: no result, though the unfiltered list holds a match`, rule: 'matches returned', on: exchange });
  return findings;
}
