/** Walkers shared by the data tests: every generated body of a world, and (key, value, schema) triples inside them. */
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema, LoadedSpec } from '../../specs/types.ts';
import { buildEnvelope, createWorld } from '../index.ts';
import { successSchema } from '../resolve/render.ts';
import { mergeAllOf } from '../schema/merge.ts';

export const NOW = new Date('2025-06-01T12:00:00Z');

export interface GeneratedBody {
  spec: LoadedSpec;
  operationId: string;
  body: unknown;
  schema: JsonSchema;
}

/** The success body of every operation of every bundled spec for each seed (page 1, page-size 1000). */
export async function allBodies(seeds: number): Promise<GeneratedBody[]> {
  const specs = await Promise.all(CATALOGUE.map((entry) => loadSpec(entry.id)));
  const out: GeneratedBody[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const world = createWorld({ seed, now: NOW });
    for (const spec of specs) {
      for (const operation of spec.operations) {
        const request = world.validRequest(spec, operation, seed);
        const answer = world.resolve(spec, operation, request);
        if (answer.kind !== 'object' && answer.kind !== 'page') continue;
        out.push({
          spec,
          operationId: operation.id,
          schema: successSchema(operation)!,
          body: buildEnvelope(spec, operation, answer, { pageSize: 1000, requestDateTime: NOW }),
        });
        if (request.body !== undefined)
          out.push({ spec, operationId: `${operation.id} request`, schema: jsonBodySchema(operation) ?? {}, body: request.body });
      }
    }
  }
  return out;
}

function jsonBodySchema(operation: LoadedSpec['operations'][number]): JsonSchema | undefined {
  return operation.requestBody?.content.find((m) => /json/.test(m.mediaType))?.schema;
}

export interface Leaf {
  key: string;
  value: unknown;
  schema: JsonSchemaObject;
  parent: Record<string, unknown>;
}

/** Every property value with its schema (allOf folded, array items followed). */
export function leaves(value: unknown, schema: JsonSchema, visit: (leaf: Leaf) => void): void {
  if (typeof schema !== 'object') return;
  const merged = mergeAllOf(schema);
  if (Array.isArray(value)) {
    const items = merged.items;
    for (const item of value) leaves(item, Array.isArray(items) ? {} : (items ?? {}), visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    const childSchema = merged.properties?.[key] ?? (typeof merged.additionalProperties === 'object' ? merged.additionalProperties : {});
    visit({ key, value: child, schema: typeof childSchema === 'object' ? mergeAllOf(childSchema) : {}, parent: record });
    leaves(child, childSchema, visit);
  }
}
