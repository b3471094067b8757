/**
 * Where a list's items carry the ids its sibling routes take, at any depth: Open Insurance lists nest them
 * (`data[].brand.companies[].policies[].policyId`), others keep them at the top (`data[].accountId`). The schema
 * is walked through `properties`, `allOf` and array `items`; every property named like a path parameter
 * (or a top-level `id`, when the spec has a single id) gets that id. The facts built from those paths
 * make the generator place exactly the world's id there, with one element in each array on the way.
 */
import type { JsonSchema } from '../../specs/types.ts';
import { mergeAllOf } from '../schema/merge.ts';

/** A property name, or `[]` for "the array's items". */
type Step = string;

export interface IdPath {
  /** The path parameter the id belongs to. */
  parameter: string;
  steps: Step[];
}

const MAX_DEPTH = 10;
const memo = new WeakMap<object, Map<string, IdPath[]>>();

export function idPaths(schema: JsonSchema | undefined, parameters: readonly string[]): IdPath[] {
  if (!schema || typeof schema !== 'object' || parameters.length === 0) return [];
  const key = parameters.join('\u0000');
  let byNames = memo.get(schema);
  if (!byNames) memo.set(schema, (byNames = new Map()));
  let found = byNames.get(key);
  if (!found) byNames.set(key, (found = search(schema, parameters)));
  return found;
}

function search(root: JsonSchema, parameters: readonly string[]): IdPath[] {
  const found: IdPath[] = [];
  // Every place the schema shows an id gets the same value (a client harvests them all), shallowest first.
  let layer: Array<{ schema: JsonSchema; steps: Step[] }> = [{ schema: root, steps: [] }];
  for (let depth = 0; depth < MAX_DEPTH && layer.length > 0; depth++) {
    const next: typeof layer = [];
    for (const { schema, steps } of layer) {
      if (typeof schema !== 'object') continue;
      const node = mergeAllOf(schema);
      if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
        next.push({ schema: node.items, steps: [...steps, '[]'] });
        continue;
      }
      const properties = node.properties && typeof node.properties === 'object' ? (node.properties as Record<string, JsonSchema>) : {};
      for (const [name, child] of Object.entries(properties)) {
        const parameter =
          parameters.find((p) => p === name) ?? (name === 'id' && depth === 0 && parameters.length === 1 ? parameters[0] : undefined);
        if (parameter !== undefined && holdsOneId(child)) found.push({ parameter, steps: [...steps, name] });
        else next.push({ schema: child, steps: [...steps, name] });
      }
    }
    layer = next;
  }
  return found;
}

/** A scalar, or Opus' LegacyId list (`[{key, value}]`, into which the generator wraps an id). */
export function holdsOneId(schema: JsonSchema): boolean {
  if (typeof schema !== 'object') return true;
  const node = mergeAllOf(schema);
  const items = node.items && typeof node.items === 'object' && !Array.isArray(node.items) ? mergeAllOf(node.items) : undefined;
  if (items?.properties?.key !== undefined && items.properties.value !== undefined) return true;
  const type = Array.isArray(node.type) ? node.type : [node.type];
  if (type.includes('object') || type.includes('array') || node.properties !== undefined) return false;
  // A choice of shapes (`oneOf` of request bodies) is one id only if every branch is.
  const branches = [...(Array.isArray(node.oneOf) ? node.oneOf : []), ...(Array.isArray(node.anyOf) ? node.anyOf : [])];
  return branches.every((branch) => holdsOneId(branch as JsonSchema));
}

/**
 * Facts for the generator that put `valueOf(parameter)` at each path (merged into `into`, which is returned).
 * With `keep`, a value `into` already holds at a path stays (what a list said about the record wins).
 */
export function factsAlong(
  paths: readonly IdPath[],
  valueOf: (parameter: string) => unknown,
  into: Record<string, unknown> = {},
  keep = false,
): Record<string, unknown> {
  for (const path of paths) {
    const value = valueOf(path.parameter);
    if (value === undefined) continue;
    let holder: unknown = into;
    path.steps.forEach((step, i) => {
      const last = i === path.steps.length - 1;
      const nextIsArray = path.steps[i + 1] === '[]';
      if (step === '[]') {
        const list = holder as unknown[];
        if (last) list[0] = keep ? (list[0] ?? value) : value;
        else list[0] ??= nextIsArray ? [] : {};
        holder = list[0];
        return;
      }
      const object = holder as Record<string, unknown>;
      if (last) object[step] = keep ? (object[step] ?? value) : value;
      else object[step] ??= nextIsArray ? [] : {};
      holder = object[step];
    });
  }
  return into;
}
