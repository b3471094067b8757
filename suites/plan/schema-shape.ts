/**
 * Reading the shape of converted schemas during planning: which properties a
 * body has, whether a property appears anywhere in a response, where a list
 * lives. Planning only needs the structure, so allOf is merged shallowly and
 * oneOf/anyOf branches are searched, never validated.
 */
import { jsonMedia } from '../../specs/lookup.ts';
import { isSchemaObject, type JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema, Operation } from '../../specs/types.ts';

export function isObjectSchema(schema: JsonSchema | undefined): schema is JsonSchemaObject {
  return isSchemaObject(schema);
}

/** The properties of an object schema, allOf branches merged. */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!isObjectSchema(schema)) return {};
  const merged: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  for (const branch of schema.allOf ?? []) Object.assign(merged, propertiesOf(branch));
  return merged;
}

export function requiredOf(schema: JsonSchema | undefined): string[] {
  if (!isObjectSchema(schema)) return [];
  const own: string[] = Array.isArray(schema.required) ? schema.required : [];
  return [...new Set([...own, ...(schema.allOf ?? []).flatMap((branch: JsonSchema) => requiredOf(branch))])];
}

export function typeIncludes(schema: JsonSchema | undefined, type: string): boolean {
  if (!isObjectSchema(schema)) return false;
  if (Array.isArray(schema.type)) return schema.type.includes(type);
  if (schema.type === type) return true;
  if (type === 'array' && schema.items !== undefined && schema.type === undefined) return true;
  if (type === 'object' && schema.properties !== undefined && schema.type === undefined) return true;
  return false;
}

/** True when a property of that name appears anywhere in the schema (objects, arrays, combinators). */
export function hasPropertyDeep(schema: JsonSchema | undefined, name: string, seen = new Set<object>()): boolean {
  if (!isObjectSchema(schema) || seen.has(schema)) return false;
  seen.add(schema);
  if (schema.properties && Object.hasOwn(schema.properties, name)) return true;
  const children: JsonSchema[] = [
    ...Object.values<JsonSchema>(schema.properties ?? {}),
    ...(schema.items !== undefined ? [schema.items].flat() : []),
    ...(['allOf', 'oneOf', 'anyOf'] as const).flatMap((key) => schema[key] ?? []),
  ];
  return children.some((child) => hasPropertyDeep(child, name, seen));
}

/** The JSON schema of the operation's first documented 2xx response. */
export function successSchema(operation: Operation): JsonSchema | undefined {
  const response =
    operation.responses.find((r) => /^2\d\d$/.test(r.status)) ?? operation.responses.find((r) => r.status.toUpperCase() === '2XX');
  return response ? jsonMedia(response.content)?.schema : undefined;
}

export function successStatuses(operation: Operation): string[] {
  return operation.responses.map((r) => r.status).filter((s) => /^2(\d\d|XX)$/i.test(s));
}

/** The JSON schema of the request body, if the operation takes one. */
export function requestBodySchema(operation: Operation): JsonSchema | undefined {
  return operation.requestBody ? jsonMedia(operation.requestBody.content)?.schema : undefined;
}

/** Values of every property called `name`, anywhere in a JSON value, with the object that holds each. */
export function collectProperty(value: unknown, name: string, limit = 10_000): Array<{ value: unknown; holder: Record<string, unknown> }> {
  const found: Array<{ value: unknown; holder: Record<string, unknown> }> = [];
  const visit = (node: unknown): void => {
    if (found.length >= limit || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as Record<string, unknown>;
    if (Object.hasOwn(record, name) && record[name] !== undefined && record[name] !== null)
      found.push({ value: record[name], holder: record });
    for (const [key, inner] of Object.entries(record)) if (key !== name) visit(inner);
  };
  visit(value);
  return found;
}
