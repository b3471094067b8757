/**
 * Operations no domain model knows (a spec from a file, a new API): lists of a
 * stable length whose id fields carry the ids the detail routes accept, and
 * detail routes that answer not-found for any other id. Ids are generated
 * from the path parameter's own schema, so they always fit it.
 */
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import type { DataAnswer } from '../api.ts';
import { hashString, rngFor } from '../random.ts';
import type { SchemaPlanner } from '../schema/plan.ts';
import type { WorldCore } from '../domain/core.ts';
import { factsAlong, idPaths } from './id-paths.ts';
import { dataShape, objectAnswer, pageAnswer, renderWith, requestString, successSchema, type ResolveContext } from './render.ts';
import { mergeAllOf } from '../schema/merge.ts';
import { Verbatim } from '../schema/plan.ts';

/** How many ids each path parameter of a generic spec has: what its lists show. */
export const GENERIC_IDS = 5;

/** The path parameters of a spec, by name, with their schemas (the first one seen). */
function pathParameters(spec: LoadedSpec): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  for (const operation of spec.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path' && !found.has(parameter.name)) found.set(parameter.name, parameter.schema ?? { type: 'string' });
    }
  }
  return found;
}

/** Id number j of a path parameter (j < GENERIC_IDS): deterministic in (seed, spec, name, j). */
export function genericId(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string, j: number): string {
  const schema = pathParameters(spec).get(name) ?? { type: 'string' };
  const rng = rngFor(core.hash, `id:${spec.id}:${name}`, j);
  const value = planner.generate(schema, rng, { now: core.now }, undefined, { name, parent: '' });
  return String(value);
}

export function resolveGeneric(ctx: ResolveContext): DataAnswer {
  const { spec, operation, core, planner } = ctx;
  const params = operation.parameters.filter((p) => p.in === 'path');
  for (const param of params) {
    const value = requestString(ctx.request, param.name);
    const known = Array.from({ length: GENERIC_IDS }, (_, j) => genericId(core, planner, spec, param.name, j));
    if (value === undefined || !known.includes(value)) {
      return { kind: 'not-found', message: `${param.name} '${value ?? ''}' does not exist in this world.` };
    }
  }
  const shape = dataShape(spec, operation);
  const key = `generic:${spec.id}:${operation.id}:${params.map((p) => requestString(ctx.request, p.name)).join('/')}`;
  const nested = shape && !shape.item && hasMeta(operation) ? pagedMember(shape.schema) : undefined;
  if (shape && nested) return nestedPage(ctx, shape.schema, nested, key);
  if (!shape?.item) {
    // A detail route shows the id it was asked for.
    const asked = Object.fromEntries(params.map((p) => [p.name, requestString(ctx.request, p.name)!]));
    return objectAnswer(ctx, idFacts(ctx, shape?.schema, 0, asked), key);
  }
  const total = 3 + (hashString(key, core.hash) % 10);
  return pageAnswer(ctx, total, key, (i) => idFacts(ctx, shape.item, i));
}

/** Facts that put the world's ids into the fields named like a path parameter (accountId, id…), at any depth. */
function idFacts(ctx: ResolveContext, schema: JsonSchema | undefined, index: number, given: Record<string, string> = {}): Record<string, unknown> {
  const names = [...pathParameters(ctx.spec).keys()];
  return factsAlong(idPaths(schema, names), (name) => given[name] ?? genericId(ctx.core, ctx.planner, ctx.spec, name, index % GENERIC_IDS));
}

/**
 * Where `data` is an object holding the page in its one required array (`data.status[]`), the page is that array:
 * the totals count its items, and each window renders the object around just those items (the suites read the
 * same rule, suites/plan/paging.ts).
 */
function pagedMember(schema: JsonSchema): { name: string; item: JsonSchema } | undefined {
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
  return { name, item: items && typeof items === 'object' && !Array.isArray(items) ? items : {} };
}

function hasMeta(operation: Operation): boolean {
  const body = successSchema(operation);
  return typeof body === 'object' && mergeAllOf(body).properties?.meta !== undefined;
}

function nestedPage(ctx: ResolveContext, schema: JsonSchema, member: { name: string; item: JsonSchema }, key: string): DataAnswer {
  const total = 3 + (hashString(key, ctx.core.hash) % 10);
  const items = pageAnswer(ctx, total, key, (i) => idFacts(ctx, member.item, i), undefined, member.item);
  if (items.kind !== 'page') return items;
  return {
    kind: 'page',
    total,
    render: (offset, limit) => renderWith(ctx, schema, { [member.name]: new Verbatim(items.render(offset, limit)) }, key),
  };
}
