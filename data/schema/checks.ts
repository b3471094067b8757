/**
 * Cheap acceptance tests for leaf values (strings, numbers, booleans, null),
 * compiled once per schema node. The generator uses them to check a candidate
 * (a domain fact, a semantic guess, a regex sample) before emitting it, so the
 * hot path never calls ajv yet never emits a value ajv would reject. They cover
 * exactly the keywords a leaf can carry: type, enum, const, pattern, lengths,
 * formats, numeric bounds, multipleOf and our `x-aferir-number-text`.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import formatsModule from 'ajv-formats/dist/formats.js';
import { NUMBER_TEXT_KEYWORD } from '../../specs/openapi-schema.ts';
import { compilePattern } from '../../specs/pattern-health.ts';

// ajv-formats' table: a `validate` function gets values of its declared `type` (formatCheck matches it first).
type FormatValidator = (value: string | number) => boolean;
type FormatDefinition = RegExp | ((value: string) => boolean) | boolean | { type?: string; validate: RegExp | FormatValidator };
const FORMATS = (formatsModule as unknown as { fullFormats: Record<string, FormatDefinition> }).fullFormats;

export type LeafCheck = (value: unknown) => boolean;

/** Length as JSON Schema counts it: Unicode code points, not UTF-16 units. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      length--;
      i++;
    }
  }
  return length;
}

export function typesOf(schema: JsonSchemaObject): string[] | undefined {
  if (Array.isArray(schema.type)) return schema.type;
  return typeof schema.type === 'string' ? [schema.type] : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeMatches(types: string[] | undefined, value: unknown): boolean {
  if (!types) return true;
  const actual = jsonType(value);
  for (const t of types) {
    if (t === actual) return true;
    if (t === 'integer' && actual === 'number' && Number.isInteger(value)) return true;
  }
  return false;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function formatCheck(format: string, valueType: 'string' | 'number'): FormatValidator | undefined {
  const definition = FORMATS[format];
  if (definition === undefined || typeof definition === 'boolean') return undefined;
  if (definition instanceof RegExp) return valueType === 'string' ? (v) => definition.test(String(v)) : undefined;
  if (typeof definition === 'function') return valueType === 'string' ? (v) => definition(String(v)) : undefined;
  const declared = definition.type ?? 'string';
  if (declared !== valueType) return undefined;
  const validate = definition.validate;
  return validate instanceof RegExp ? (v) => validate.test(String(v)) : validate;
}

function stringRules(schema: JsonSchemaObject): Array<(value: string) => boolean> {
  const rules: Array<(value: string) => boolean> = [];
  if (typeof schema.pattern === 'string') {
    const regex = compilePattern(schema.pattern);
    rules.push((v) => regex.test(v));
  }
  const { maxLength, minLength } = schema;
  if (typeof maxLength === 'number') rules.push((v) => codePointLength(v) <= maxLength);
  if (typeof minLength === 'number') rules.push((v) => codePointLength(v) >= minLength);
  if (typeof schema.format === 'string') {
    const check = formatCheck(schema.format, 'string');
    if (check) rules.push(check);
  }
  return rules;
}

function numberRules(schema: JsonSchemaObject): Array<(value: number) => boolean> {
  const rules: Array<(value: number) => boolean> = [(v) => Number.isFinite(v)];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  if (typeof minimum === 'number') rules.push((v) => v >= minimum);
  if (typeof maximum === 'number') rules.push((v) => v <= maximum);
  if (typeof exclusiveMinimum === 'number') rules.push((v) => v > exclusiveMinimum);
  if (typeof exclusiveMaximum === 'number') rules.push((v) => v < exclusiveMaximum);
  if (typeof schema.multipleOf === 'number') {
    const step = schema.multipleOf;
    rules.push((v) => Number.isInteger(v / step) || Math.abs(v / step - Math.round(v / step)) < 1e-9);
  }
  if (typeof schema.format === 'string') {
    const check = formatCheck(schema.format, 'number');
    if (check) rules.push(check);
  }
  const text = schema[NUMBER_TEXT_KEYWORD] as { pattern?: string; minLength?: number; maxLength?: number } | undefined;
  if (text) {
    const regex = text.pattern === undefined ? undefined : compilePattern(text.pattern);
    rules.push((v) => {
      const s = String(v);
      if (regex && !regex.test(s)) return false;
      if (text.maxLength !== undefined && s.length > text.maxLength) return false;
      return !(text.minLength !== undefined && s.length < text.minLength);
    });
  }
  return rules;
}

/** The acceptance test of a leaf schema (objects and arrays are the plan's job, not this one's). */
export function compileLeafCheck(schema: JsonSchemaObject | boolean): LeafCheck {
  if (schema === true) return () => true;
  if (schema === false) return () => false;
  const types = typesOf(schema);
  const strings = stringRules(schema);
  const numbers = numberRules(schema);
  const enumValues = Array.isArray(schema.enum) ? schema.enum : undefined;
  // Enums of strings and numbers (nearly all of them) are checked by set membership, not by deep comparison.
  const primitiveEnum = enumValues?.every((e) => e === null || typeof e !== 'object') ? new Set<unknown>(enumValues) : undefined;
  const hasConst = 'const' in schema;
  return (value) => {
    if (value === undefined) return false;
    if (!typeMatches(types, value)) return false;
    if (primitiveEnum) {
      if (!primitiveEnum.has(value)) return false;
    } else if (enumValues && !enumValues.some((e) => deepEqual(e, value))) return false;
    if (hasConst && !deepEqual(schema.const, value)) return false;
    if (typeof value === 'string') {
      for (const rule of strings) if (!rule(value)) return false;
    } else if (typeof value === 'number') {
      if (schema.type === 'integer' && !Number.isInteger(value)) return false;
      for (const rule of numbers) if (!rule(value)) return false;
    }
    return true;
  };
}
