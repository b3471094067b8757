/**
 * Operations no domain model knows (a spec from a file, a new API): lists of a
 * stable length whose id fields — at whatever depth the item schema puts them —
 * carry the ids the other routes accept (path parameters and Opus body ids,
 * generic-ids.ts), and routes that answer not-found for any other id. A route
 * reached by a listed id agrees with that list item on every field they share.
 */
import { jsonMedia } from '../../specs/lookup.ts';
import type { JsonSchema, Operation } from '../../specs/types.ts';
import type { DataAnswer } from '../api.ts';
import { hashString } from '../random.ts';
import { mergeAllOf } from '../schema/merge.ts';
import { Verbatim } from '../schema/plan.ts';
import { bodyIdFields, genericIds, idSchemas } from './generic-ids.ts';
import { factsAlong, idPaths } from './id-paths.ts';
import { dataShape, objectAnswer, pageAnswer, renderWith, requestIds, successSchema, type ResolveContext } from './render.ts';
import { listedFacts } from './listed-facts.ts';

export function resolveGeneric(ctx: ResolveContext): DataAnswer {
  const { spec, operation, core, planner } = ctx;
  const names = [...operation.parameters.filter((p) => p.in === 'path').map((p) => p.name), ...Object.keys(bodyIdFields(spec, operation))];
  const asked: Record<string, string> = {};
  const index: Record<string, number> = {};
  for (const name of names) {
    const values = requestIds(ctx.request, name);
    const known = genericIds(core, planner, spec, name);
    const j = values.map((value) => known.indexOf(value)).find((found) => found >= 0);
    if (j === undefined) return { kind: 'not-found', message: `${name} '${values.join(', ')}' does not exist in this world.` };
    asked[name] = known[j]!;
    index[name] = j;
  }
  const shape = dataShape(spec, operation);
  const key = `generic:${spec.id}:${operation.id}:${names.map((name) => asked[name]).join('/')}`;
  const nested = shape && !shape.item && isPaged(operation) ? pagedMember(shape.schema) : undefined;
  if (shape && nested) return nestedPage(ctx, shape.schema, nested, key, idFacts(ctx, shape.schema, 0, asked));
  if (!shape?.item) {
    // A route reached by a listed id shows that id, and what the list said about it.
    const facts = listedFacts(ctx, shape?.schema, index, (c, item, i) => listItemAt(c, item, i));
    return objectAnswer(ctx, idFacts(ctx, shape?.schema, 0, asked, facts), key);
  }
  const total = clampToItems(listLength(ctx, shape.item, key), shape.schema);
  const filters = idFilters(ctx, shape.item);
  if (filters.length === 0) return pageAnswer(ctx, total, key, (i) => idFacts(ctx, shape.item, i), { stable: true });
  // The items that carry every asked id, each exactly as the unfiltered list shows it (same key, same index).
  const matching = Array.from({ length: total }, (_, i) => i).filter((i) =>
    filters.every(({ name, value }) => idAt(ctx, name, i) === value),
  );
  return pageAnswer(ctx, matching.length, key, (i) => idFacts(ctx, shape.item, i), {
    stable: true,
    indexAt: (position) => matching[position]!,
  });
}

/**
 * The query parameters that filter a list: each names an id the items show (`?recurringConsentId=` on a list of
 * payments that each carry their `recurringConsentId`), so only the items carrying the asked value are listed.
 */
function idFilters(ctx: ResolveContext, item: JsonSchema | undefined): Array<{ name: string; value: string }> {
  const shown = new Set(idPaths(item, [...idSchemas(ctx.spec).keys()]).map((path) => path.parameter));
  return ctx.operation.parameters.flatMap((parameter) => {
    if (parameter.in !== 'query' || !shown.has(parameter.name)) return [];
    const value = requestIds(ctx.request, parameter.name)[0];
    return value === undefined ? [] : [{ name: parameter.name, value }];
  });
}

/** The id of that name that item `index` of a list shows (idFacts gives each list item the same one). */
function idAt(ctx: ResolveContext, name: string, index: number): string | undefined {
  const ids = genericIds(ctx.core, ctx.planner, ctx.spec, name);
  return ids[index % ids.length];
}

/** Facts that put the world's ids into the fields named like an id (accountId, id…), at any depth. */
function idFacts(
  ctx: ResolveContext,
  schema: JsonSchema | undefined,
  index: number,
  given: Record<string, string> = {},
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  const names = [...idSchemas(ctx.spec).keys()];
  return factsAlong(
    idPaths(schema, names),
    (name) => {
      if (given[name] !== undefined) return given[name];
      return idAt(ctx, name, index);
    },
    into,
    true,
  );
}

/** Item `index` of a list operation, exactly as its page renders it (a list that takes no id of its own). */
function listItemAt(ctx: ResolveContext, list: Operation, index: number): unknown {
  const listCtx = { ...ctx, operation: list, request: { pathParams: {}, query: {} } };
  const answer = resolveGeneric(listCtx);
  if (answer.kind !== 'page') return undefined;
  const rendered = answer.render(index, 1);
  const shape = dataShape(ctx.spec, list);
  const nested = shape && !shape.item ? pagedMember(shape.schema) : undefined;
  const items = nested ? (rendered as Record<string, unknown>)[nested.name] : rendered;
  return Array.isArray(items) ? items[0] : undefined;
}

/** 3–12 records (`recordsPerList` in a large world); a list that shows ids shows each once, so never more than there are. */
function listLength(ctx: ResolveContext, item: JsonSchema | undefined, key: string): number {
  const { core } = ctx;
  const total = core.recordsPerList ?? 3 + (hashString(key, core.hash) % 10);
  const shown = idPaths(item, [...idSchemas(ctx.spec).keys()]);
  if (shown.length === 0) return total;
  return Math.min(total, ...shown.map((path) => genericIds(core, ctx.planner, ctx.spec, path.parameter).length));
}

/** An array with `maxItems` cannot list more than that. */
function clampToItems(total: number, schema: JsonSchema): number {
  const node = typeof schema === 'object' ? mergeAllOf(schema) : {};
  const max = typeof node.maxItems === 'number' ? node.maxItems : Infinity;
  const min = typeof node.minItems === 'number' ? node.minItems : 0;
  return Math.max(min, Math.min(max, total));
}

/**
 * Where `data` is an object holding the page in its one required array (`data.status[]`), the page is that array:
 * the totals count its items, and each window renders the object around just those items (the suites read the
 * same rule, suites/plan/paging.ts).
 */
function pagedMember(schema: JsonSchema): { name: string; item: JsonSchema; schema: JsonSchema } | undefined {
  if (typeof schema !== 'object') return undefined;
  const node = mergeAllOf(schema);
  const required: unknown[] = Array.isArray(node.required) ? node.required : [];
  const arrays = Object.entries<JsonSchema>(node.properties ?? {}).filter(([name, child]) => {
    if (!required.includes(name) || typeof child !== 'object') return false;
    const merged = mergeAllOf(child);
    return merged.type === 'array' || (Array.isArray(merged.type) && merged.type.includes('array'));
  });
  if (arrays.length !== 1) return undefined;
  const [name, child] = arrays[0]!;
  const items = typeof child === 'object' ? mergeAllOf(child).items : undefined;
  return { name, schema: child, item: items && typeof items === 'object' && !Array.isArray(items) ? items : {} };
}

/** Paged the way the suites read it: the body has `meta` and the operation takes a page size (query or body). */
function isPaged(operation: Operation): boolean {
  const body = successSchema(operation);
  if (typeof body !== 'object' || mergeAllOf(body).properties?.meta === undefined) return false;
  if (operation.parameters.some((p) => p.in === 'query' && /^page[-_]?size$/i.test(p.name))) return true;
  const request = operation.requestBody ? jsonMedia(operation.requestBody.content)?.schema : undefined;
  return typeof request === 'object' && mergeAllOf(request).properties?.pageSize !== undefined;
}

function nestedPage(
  ctx: ResolveContext,
  schema: JsonSchema,
  member: { name: string; item: JsonSchema; schema: JsonSchema },
  key: string,
  around: Record<string, unknown>,
): DataAnswer {
  const total = clampToItems(listLength(ctx, member.item, key), member.schema);
  const items = pageAnswer(ctx, total, key, (i) => idFacts(ctx, member.item, i), { itemSchema: member.item, stable: true });
  if (items.kind !== 'page') return items;
  return {
    kind: 'page',
    total,
    render: (offset, limit) => renderWith(ctx, schema, { ...around, [member.name]: new Verbatim(items.render(offset, limit)) }, key),
  };
}
