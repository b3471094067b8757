/**
 * List ⇄ detail agreement for specs no domain model knows: the route reached by id j shows what the list
 * said about item j. The list is the operation that shows that id in its items and takes no id itself; the
 * fields copied are the scalar siblings of the id in the list item (what a client compares) that the detail's
 * data schema also declares and accepts.
 */
import type { JsonSchema, Operation } from '../../specs/types.ts';
import { mergeAllOf } from '../schema/merge.ts';
import { bodyIdFields, idSchemas } from './generic-ids.ts';
import { idPaths } from './id-paths.ts';
import { dataShape, type ResolveContext } from './render.ts';

type ItemAt = (ctx: ResolveContext, list: Operation, index: number) => unknown;

export function listedFacts(
  ctx: ResolveContext,
  detail: JsonSchema | undefined,
  index: Record<string, number>,
  itemAt: ItemAt,
): Record<string, unknown> {
  if (!detail || typeof detail !== 'object') return {};
  const properties = (mergeAllOf(detail).properties ?? {}) as Record<string, JsonSchema>;
  const names = [...idSchemas(ctx.spec).keys()];
  for (const [name, j] of Object.entries(index)) {
    for (const list of ctx.spec.operations) {
      if (list === ctx.operation || takesIds(ctx, list)) continue;
      const item = listItemSchema(ctx, list);
      const path = idPaths(item, names).find((p) => p.parameter === name);
      if (!path) continue;
      const holder = holderAt(itemAt(ctx, list, j), path.steps.slice(0, -1));
      if (!holder) continue;
      const facts: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(holder)) {
        const schema = properties[field];
        if (schema === undefined || value === null || typeof value === 'object') continue;
        if (ctx.spec.validator.isValid(schema, value)) facts[field] = value;
      }
      return facts;
    }
  }
  return {};
}

function takesIds(ctx: ResolveContext, operation: Operation): boolean {
  return operation.parameters.some((p) => p.in === 'path') || Object.keys(bodyIdFields(ctx.spec, operation)).length > 0;
}

function listItemSchema(ctx: ResolveContext, list: Operation): JsonSchema | undefined {
  const shape = dataShape(ctx.spec, list);
  if (!shape) return undefined;
  if (shape.item) return shape.item;
  const node = typeof shape.schema === 'object' ? mergeAllOf(shape.schema) : undefined;
  // The nested page's items (data.<list>[]), as generic.ts renders them.
  const required: unknown[] = Array.isArray(node?.required) ? node.required : [];
  for (const [name, child] of Object.entries<JsonSchema>(node?.properties ?? {})) {
    const merged = typeof child === 'object' ? mergeAllOf(child) : undefined;
    if (required.includes(name) && merged?.items && typeof merged.items === 'object') return merged.items as JsonSchema;
  }
  return undefined;
}

function holderAt(value: unknown, steps: readonly string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const step of steps) {
    if (step === '[]') current = Array.isArray(current) ? current[0] : undefined;
    else current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined;
  }
  return current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
}
