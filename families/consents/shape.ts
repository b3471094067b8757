/**
 * How a consents API is recognised, from its structure alone (never its file
 * name, title or operationIds). The rule:
 *
 *   a POST on a collection path (no path parameter) whose JSON body has a
 *   `data` object declaring both `permissions` and `expirationDateTime`, and
 *   a GET on that collection followed by one path parameter (the consent by id).
 *
 * Each operation of such an API then plays one role, again by its shape:
 * POST collection = create; GET / DELETE `collection/{id}` = read / revoke;
 * POST `collection/{id}/<word>` = extend; GET `collection/{id}/<word>` = the
 * list of extensions.
 */
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';

export type ConsentRole = 'create' | 'read' | 'revoke' | 'extend' | 'extensions';

type Shape = Pick<LoadedSpec, 'operations'>;

const PARAM = /^\{[^}]+\}$/;

function node(schema: JsonSchema | undefined): Record<string, unknown> | undefined {
  return typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : undefined;
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const found: Record<string, JsonSchema> = {};
  const own = node(schema);
  if (!own) return found;
  Object.assign(found, own.properties ?? {});
  for (const branch of Array.isArray(own.allOf) ? (own.allOf as JsonSchema[]) : []) Object.assign(found, properties(branch));
  return found;
}

/** The JSON request body's schema of an operation, if any. */
export function bodySchema(operation: Operation): JsonSchema | undefined {
  return operation.requestBody?.content.find((media) => /json/i.test(media.mediaType))?.schema;
}

/** The schema of the body's `data` member. */
function dataSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  return properties(schema).data;
}

/** The properties `data` declares (allOf branches included). */
export function dataProperties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return properties(dataSchema(schema));
}

function isCreate(operation: Operation): boolean {
  if (operation.method !== 'POST' || operation.path.split('/').some((segment) => PARAM.test(segment))) return false;
  const declared = dataProperties(bodySchema(operation));
  return 'permissions' in declared && 'expirationDateTime' in declared;
}

/** The collection path of the spec's consents (`/consents`), or undefined when the spec is not a consents API. */
export function consentCollection(spec: Shape): string | undefined {
  for (const create of spec.operations.filter(isCreate)) {
    const detail = spec.operations.some((op) => op.method === 'GET' && isDetailOf(op.path, create.path));
    if (detail) return create.path;
  }
  return undefined;
}

function isDetailOf(path: string, collection: string): boolean {
  const rest = path.slice(collection.length).split('/').filter(Boolean);
  return path.startsWith(`${collection}/`) && rest.length === 1 && PARAM.test(rest[0] ?? '');
}

/** The role an operation plays in a consents API whose collection is `collection`. */
export function consentRoleOf(collection: string, operation: Operation): ConsentRole | undefined {
  const { method, path } = operation;
  if (path === collection) return method === 'POST' ? 'create' : undefined;
  if (!path.startsWith(`${collection}/`)) return undefined;
  const rest = path.slice(collection.length).split('/').filter(Boolean);
  if (!PARAM.test(rest[0] ?? '')) return undefined;
  if (rest.length === 1) return method === 'GET' ? 'read' : method === 'DELETE' ? 'revoke' : undefined;
  if (rest.length === 2) return method === 'POST' ? 'extend' : method === 'GET' ? 'extensions' : undefined;
  return undefined;
}

/** The schema of the property at `path` (`['consent', 'permissions']`), allOf branches merged along the way. */
export function schemaAt(schema: JsonSchema | undefined, path: readonly string[]): JsonSchema | undefined {
  let at = schema;
  for (const name of path) at = properties(at)[name];
  return at;
}

/** The values a string schema (or an array of them) allows, or an empty list. */
export function enumOf(schema: JsonSchema | undefined): string[] {
  const own = node(schema);
  if (!own) return [];
  if (Array.isArray(own.enum)) return own.enum.filter((value): value is string => typeof value === 'string');
  return enumOf(own.items as JsonSchema | undefined);
}
