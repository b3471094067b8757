/**
 * OpenAPI schema objects → JSON Schema that ajv validates the way a spec author
 * meant: 3.0's `nullable` and boolean `exclusiveMinimum`, annotations ajv does
 * not know, and the real-world defects of schema-defects.ts, handled as that
 * file says. Shared subschemas stay shared (converted once, by identity).
 */
import { detectDefects } from './schema-defects.ts';
import { entriesOf, isSchemaObject, type JsonSchema, type JsonSchemaObject } from './json-schema.ts';

/** Our keyword for string rules written on numbers: checked against the number's decimal text. */
export const NUMBER_TEXT_KEYWORD = 'x-aferir-number-text';

/** Annotations that carry no validation meaning and that ajv would otherwise trip on. */
const DROPPED = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'nullable', '$schema']);

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

export interface ConvertOptions {
  /** `3.0.x` converts nullable and boolean exclusive bounds; `3.1.x` is JSON Schema already. */
  openapi: string;
}

export function createSchemaConverter(options: ConvertOptions): (schema: unknown) => JsonSchema {
  const isOpenApi30 = options.openapi.startsWith('3.0');
  const converted = new WeakMap<object, JsonSchema>();

  function convert(node: unknown): JsonSchema {
    if (!isSchemaObject(node)) return node === false ? false : {};
    const cached = converted.get(node);
    if (cached) return cached;
    const source = node;
    const out: JsonSchemaObject = {};
    converted.set(node, out);

    // A $ref left by the dereferencer is a cycle; validating through it is out of reach, so accept anything there.
    if (typeof source.$ref === 'string') return out;

    for (const [key, value] of Object.entries(source)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (isOpenApi30 && key === 'examples') continue;
      if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
        out[key] = Object.fromEntries(entriesOf(value).map(([name, child]) => [name, convert(child)]));
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
        out[key] = value.map(convert);
      } else if (SCHEMA_VALUES.has(key) && value !== null && typeof value === 'object') {
        out[key] = Array.isArray(value) ? value.map(convert) : convert(value);
      } else {
        out[key] = value;
      }
    }

    if (isOpenApi30) convertOpenApi30Keywords(source, out);
    applyDefectHandling(source, out);
    return out;
  }

  return convert;
}

function convertOpenApi30Keywords(source: JsonSchemaObject, out: JsonSchemaObject): void {
  if (source.nullable === true) {
    if (typeof source.type === 'string') out.type = [source.type, 'null'];
    if (Array.isArray(source.enum) && !source.enum.includes(null)) out.enum = [...source.enum, null];
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof source[flag] !== 'boolean') continue;
    delete out[flag];
    if (source[flag] && typeof source[bound] === 'number') {
      out[flag] = source[bound];
      delete out[bound];
    }
  }
}

function applyDefectHandling(source: JsonSchemaObject, out: JsonSchemaObject): void {
  const numberText: Record<string, unknown> = {};
  let patternUsable = true;
  for (const defect of detectDefects(source)) {
    switch (defect.code) {
      case 'pattern-invalid':
      case 'pattern-never-matches':
        patternUsable = false;
        delete out.pattern;
        delete numberText.pattern;
        break;
      case 'pattern-on-non-string':
        delete out.pattern;
        if (patternUsable) numberText.pattern = source.pattern;
        break;
      case 'length-on-non-string':
        delete out[defect.keyword];
        numberText[defect.keyword] = source[defect.keyword];
        break;
      case 'string-keyword-ignored':
      case 'unknown-format':
      case 'required-not-a-list':
      case 'number-keyword-on-string':
        delete out[defect.keyword];
        break;
      case 'required-undeclared':
        if (Array.isArray(out.required)) out.required = out.required.filter((name: unknown) => name !== defect.property);
        break;
      default:
        break;
    }
  }
  if (!patternUsable) delete numberText.pattern;
  if (Object.keys(numberText).length > 0) out[NUMBER_TEXT_KEYWORD] = numberText;
}
