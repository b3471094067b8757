/**
 * A request body whose consent leaves out some permissions (families that
 * carry the consent in the body, such as Opus). The list stays valid against
 * the body schema: when nothing else would be left, another permission the
 * schema's enum allows takes the place of the removed ones.
 */
import type { Operation } from '../../specs/types.ts';
import { isObjectSchema, propertiesOf, requestBodySchema } from './schema-shape.ts';

/** The body with the permissions at `path` minus `removed`, or why it cannot be built. */
export function withoutPermissions(
  operation: Operation,
  body: unknown,
  path: readonly string[],
  removed: readonly string[],
): Record<string, unknown> | string {
  if (!isRecord(body)) return 'the valid request has no JSON object body to take the permissions from';
  let schema = requestBodySchema(operation);
  for (const name of path) {
    const next = propertiesOf(schema)[name];
    schema = Array.isArray(next) ? undefined : next;
  }
  const items = isObjectSchema(schema) && !Array.isArray(schema.items) ? schema.items : undefined;
  const allowed = isObjectSchema(items) && Array.isArray(items.enum) ? items.enum : [];
  const current = readPath(body, path);
  const kept = (Array.isArray(current) ? current : []).filter((p) => !removed.includes(String(p)));
  const filler = allowed.find((p: unknown) => typeof p === 'string' && !removed.includes(p));
  const permissions = kept.length > 0 ? kept : filler !== undefined ? [filler] : undefined;
  if (!permissions) return `the body schema allows no permission other than ${removed.join(', ')} at ${path.join('.')}`;
  return writePath(body, path, permissions);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPath(body: Record<string, unknown>, path: readonly string[]): unknown {
  let at: unknown = body;
  for (const name of path) at = isRecord(at) ? at[name] : undefined;
  return at;
}

/** A copy of `body` with `value` at `path` (objects along the way copied, never the caller's). */
function writePath(body: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const inner = body[head];
  return { ...body, [head]: rest.length === 0 ? value : writePath(isRecord(inner) ? inner : {}, rest, value) };
}
