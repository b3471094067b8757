/**
 * How a route turns domain facts into schema-valid data: find the schema of
 * the response's data member once per operation, then render one object or a
 * lazy window of list items through the generator plan.
 */
import { dataMember } from '../../families/family-profile.ts';
import { profileOf } from '../../families/index.ts';
import { jsonMedia } from '../../specs/lookup.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import type { DataAnswer, DataRequest } from '../api.ts';
import type { WorldCore } from '../domain/core.ts';
import { hashString, rngFor } from '../random.ts';
import { mergeAllOf } from '../schema/merge.ts';
import type { GenState, SchemaPlanner } from '../schema/plan.ts';
import { itemTextsOf } from './item-texts.ts';

export interface ResolveContext {
  core: WorldCore;
  spec: LoadedSpec;
  operation: Operation;
  request: DataRequest;
  planner: SchemaPlanner;
}

export interface DataShape {
  /** The schema of what `render`/`data` returns: the body's `data` (ofb/opin/opus), `results` (belvo) or the whole body. */
  schema: JsonSchema;
  /** For lists: the schema of one item. */
  item?: JsonSchema;
}

const shapes = new WeakMap<Operation, DataShape | null>();

/** The success response: exactly 200, else the first documented 2xx (a POST's 201) — never `default`, which documents the errors. */
export function successResponse(operation: Operation): Operation['responses'][number] | undefined {
  return operation.responses.find((r) => r.status === '200') ?? operation.responses.find((r) => /^2\d\d$/.test(r.status));
}

/** The success response's JSON schema (see successResponse). */
export function successSchema(operation: Operation): JsonSchema | undefined {
  const response = successResponse(operation);
  return response ? jsonMedia(response.content)?.schema : undefined;
}

export function dataShape(spec: LoadedSpec, operation: Operation): DataShape | undefined {
  let shape = shapes.get(operation);
  if (shape === undefined) {
    shape = computeShape(spec, operation) ?? null;
    shapes.set(operation, shape);
  }
  return shape ?? undefined;
}

function computeShape(spec: LoadedSpec, operation: Operation): DataShape | undefined {
  const body = successSchema(operation);
  if (body === undefined || typeof body === 'boolean') return body === undefined ? undefined : { schema: body };
  const merged = mergeAllOf(body);
  const member = dataMember(profileOf(spec));
  const schema: JsonSchema = member && merged.properties?.[member] !== undefined ? merged.properties[member] : body;
  const resolved = typeof schema === 'object' ? mergeAllOf(schema) : schema;
  const item =
    typeof resolved === 'object' && (resolved.type === 'array' || resolved.items)
      ? Array.isArray(resolved.items)
        ? {}
        : (resolved.items ?? {})
      : undefined;
  return { schema, item };
}

function state(ctx: ResolveContext, key: string | number, index: number): GenState {
  return { rng: rngFor(ctx.core.hash, key, index), env: { now: ctx.core.now }, depth: 0 };
}

/** One object of the data member's schema (or a nested schema), from facts. */
export function renderWith(ctx: ResolveContext, schema: JsonSchema, facts: unknown, key: string, index = 0, name = 'data'): unknown {
  return ctx.planner.plan(schema, { name, parent: '' })(state(ctx, key, index), facts, undefined);
}

export function objectAnswer(ctx: ResolveContext, facts: unknown, key: string): DataAnswer {
  const shape = dataShape(ctx.spec, ctx.operation);
  if (!shape) return { kind: 'object', data: facts };
  return { kind: 'object', data: renderWith(ctx, shape.schema, facts, key) };
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

export interface PageOptions {
  /** Maps a position in the (filtered) list to the item's index in the resource. Default: the position. */
  indexAt?: (position: number) => number;
  /** The schema of one item. Default: the items of the data member's list. */
  itemSchema?: JsonSchema;
  /**
   * Whether `factsAt(index)` depends only on the resource `key` and the index (a statement's entry, a contract's
   * warranty), not on the request: then the items' JSON text is kept per world and reused by any window (renderJson).
   */
  stable?: boolean;
}

/**
 * A lazy page: `total` items, item i rendered from `factsAt(i)` with its own PRNG stream (key, i), so a window
 * costs only its own items.
 */
export function pageAnswer(
  ctx: ResolveContext,
  total: number,
  key: string,
  factsAt: (index: number) => unknown,
  options: PageOptions = {},
): DataAnswer {
  const indexAt = options.indexAt ?? ((position: number) => position);
  const item = options.itemSchema ?? dataShape(ctx.spec, ctx.operation)?.item;
  const plan = item === undefined ? undefined : ctx.planner.plan(item, { name: 'data', parent: '' });
  const keyHash = hashString(key);
  const bounds = (offset: number, limit: number) => {
    const from = Math.max(0, Math.floor(offset));
    return { from, to: Math.min(total, from + Math.max(0, Math.floor(limit))) };
  };
  const renderItem = (index: number) => {
    const facts = factsAt(index);
    return plan ? plan(state(ctx, keyHash, index), facts, undefined) : facts;
  };
  const answer: Extract<DataAnswer, { kind: 'page' }> = {
    kind: 'page',
    total,
    render(offset: number, limit: number): unknown[] {
      const { from, to } = bounds(offset, limit);
      const out: unknown[] = [];
      for (let position = from; position < to; position++) out.push(renderItem(indexAt(position)));
      return out;
    },
  };
  if (options.stable && plan) {
    const texts = itemTextsOf(ctx.core);
    answer.renderJson = (offset, limit) => {
      const { from, to } = bounds(offset, limit);
      const list = texts.list(plan, keyHash);
      if (from === to) return [OPEN, CLOSE];
      // A window of consecutive items (a statement between two dates) is a slice of the list's run.
      const first = indexAt(from);
      let consecutive = true;
      for (let position = from + 1; position < to && consecutive; position++) consecutive = indexAt(position) === first + position - from;
      if (consecutive) return [OPEN, texts.consecutive(list, first, first + to - from, renderItem), CLOSE];
      const chunks: Buffer[] = [OPEN];
      for (let position = from; position < to; position++) {
        const index = indexAt(position);
        if (position > from) chunks.push(COMMA);
        chunks.push(list.get(index) ?? texts.keep(list, index, JSON.stringify(renderItem(index)) ?? 'null'));
      }
      chunks.push(CLOSE);
      return chunks;
    };
  }
  return answer;
}

/** A request value by name: path, then query (first of repeated), then the JSON body's top level. */
function requestValue(request: DataRequest, name: string): unknown {
  if (request.pathParams[name] !== undefined) return request.pathParams[name];
  const query = request.query[name];
  if (query !== undefined) return Array.isArray(query) ? query[0] : query;
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) return (body as Record<string, unknown>)[name];
  return undefined;
}

export function requestString(request: DataRequest, name: string): string | undefined {
  const value = requestValue(request, name);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * The ids an id field carries: a plain string (OFB path/query), or the values of an Opus LegacyId list
 * (`[{key, value}]`, any key) — a world id matches whichever pair holds it.
 */
export function requestIds(request: DataRequest, name: string): string[] {
  const value = requestValue(request, name);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.flatMap((pair) =>
      pair && typeof pair === 'object' && 'value' in pair && typeof pair.value === 'string' ? [pair.value] : [],
    );
  }
  return [];
}
