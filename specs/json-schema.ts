/**
 * A JSON Schema as ajv (and our data engine) understands it, after conversion
 * from OpenAPI. In a file of its own so that the modules types.ts names (the
 * linter, the validator) can use it without importing types.ts back.
 *
 * Ours rather than @types/json-schema or openapi-types: the schemas we hold
 * are OpenAPI 3.0 and 3.1 schema objects in between (3.0's `nullable`,
 * `example`, `discriminator` and `x-*` extensions next to 3.1's type lists and
 * `examples`), which neither JSONSchema7 (no OpenAPI keywords, no extensions)
 * nor OpenAPIV3.SchemaObject (a union with $ref objects, one version at a
 * time) describes. The members are the ones the code reads; any other keyword
 * is `unknown` and is narrowed where it is read. A spec is untrusted input:
 * the loader converts it, but a member can still hold a value of another
 * shape in a broken spec, so readers of lists and maps check before iterating.
 */
export interface JsonSchemaObject {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  not?: JsonSchema;
  nullable?: boolean;
  description?: string;
  title?: string;
  example?: unknown;
  examples?: unknown;
  default?: unknown;
  $ref?: string;
  discriminator?: { propertyName?: string; mapping?: Record<string, string> };
  readOnly?: boolean;
  writeOnly?: boolean;
  /** Extensions (`x-*`) and any keyword not listed above: read it as unknown and narrow. */
  [keyword: string]: unknown;
}

export type JsonSchema = JsonSchemaObject | boolean;

/** A schema object (not `true`/`false`, not an array, not null). */
export function isSchemaObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object of a parsed document (an OpenAPI document and its parts: not null, not an array); its members are narrowed where read. */
export function isJsonRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The members of a parsed object (of an array: its indices) as unknowns to narrow; none for anything else. */
export function entriesOf(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}

/** The schema of member `name` of an object schema, when that is a schema object too; undefined otherwise (a boolean, a broken spec). */
export function propertySchema(schema: JsonSchema | undefined, name: string): JsonSchemaObject | undefined {
  const member = isSchemaObject(schema) && isJsonRecord(schema.properties) ? schema.properties[name] : undefined;
  return isSchemaObject(member) ? member : undefined;
}
