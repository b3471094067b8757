/**
 * Visit every schema object of an OpenAPI document (not following $refs), with
 * its JSON pointer: component schemas, parameter/header/media schemas, and
 * everything nested in them. Lint uses it to point at the exact place.
 */
import { entriesOf, isJsonRecord, isSchemaObject, type JsonSchemaObject } from './json-schema.ts';

const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUE_KEYS = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames']);

export type SchemaVisitor = (schema: JsonSchemaObject, pointer: string) => void;

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function walkSchemas(document: Record<string, unknown>, visit: SchemaVisitor): void {
  const components = isJsonRecord(document.components) ? document.components : {};
  for (const [name, schema] of Object.entries(isJsonRecord(components.schemas) ? components.schemas : {})) {
    walkSchema(schema, `/components/schemas/${escapeToken(name)}`, visit);
  }
  walkNonSchema(document, '', visit);
}

/** Outside schemas: find `schema` keys (parameters, headers, media types) and start there. */
function walkNonSchema(node: unknown, pointer: string, visit: SchemaVisitor): void {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const child = `${pointer}/${escapeToken(key)}`;
    if (child === '/components/schemas') continue;
    if (key === 'schema' && value && typeof value === 'object') walkSchema(value, child, visit);
    else walkNonSchema(value, child, visit);
  }
}

function walkSchema(schema: unknown, pointer: string, visit: SchemaVisitor): void {
  if (!isSchemaObject(schema)) return;
  if (typeof schema.$ref === 'string') return;
  visit(schema, pointer);
  for (const [key, value] of entriesOf(schema)) {
    if (!value || typeof value !== 'object') continue;
    const child = `${pointer}/${escapeToken(key)}`;
    if (SCHEMA_MAP_KEYS.has(key)) {
      for (const [name, sub] of entriesOf(value)) walkSchema(sub, `${child}/${escapeToken(name)}`, visit);
    } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
      value.forEach((sub, index) => walkSchema(sub, `${child}/${index}`, visit));
    } else if (SCHEMA_VALUE_KEYS.has(key)) {
      if (Array.isArray(value)) value.forEach((sub, index) => walkSchema(sub, `${child}/${index}`, visit));
      else walkSchema(value, child, visit);
    }
  }
}
