/**
 * The defects real-world specs carry in a single schema node, and what the
 * loader does with each. The converter applies the handling; `specs lint`
 * reports the same list, so what users read is exactly what happens.
 */
import type { JsonSchemaObject } from './json-schema.ts';
import { patternHealth } from './pattern-health.ts';

type DefectCode =
  | 'pattern-on-non-string'
  | 'length-on-non-string'
  | 'string-keyword-ignored'
  | 'number-keyword-on-string'
  | 'unknown-format'
  | 'pattern-invalid'
  | 'pattern-never-matches'
  | 'pattern-unprobed'
  | 'required-not-a-list'
  | 'nullable-without-type'
  | 'bounds-contradict'
  | 'required-undeclared';

export interface SchemaDefect {
  code: DefectCode;
  severity: 'error' | 'warning' | 'info';
  /** The offending keyword, relative to the schema node. */
  keyword: string;
  message: string;
  /** What the loader does about it. */
  handling: string;
  /** For `required-undeclared`: the property name the list names. */
  property?: string;
}

/** Formats we validate: ajv-formats' full set (which includes OpenAPI's int32, int64, float, double, byte, binary, password). */
const KNOWN_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

const NUMERIC = new Set(['number', 'integer']);

function article(types: string[]): string {
  const name = types.join('/');
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function typesOf(node: JsonSchemaObject): string[] {
  if (Array.isArray(node.type)) return node.type.filter((t: unknown) => typeof t === 'string');
  return typeof node.type === 'string' ? [node.type] : [];
}

export function detectDefects(node: JsonSchemaObject): SchemaDefect[] {
  const defects: SchemaDefect[] = [];
  const types = typesOf(node);
  const isNumeric = types.length > 0 && types.every((t) => NUMERIC.has(t));
  const isString = types.includes('string');
  const isOtherNonString = types.length > 0 && !isString && !isNumeric;

  if (typeof node.pattern === 'string') {
    if (isNumeric) {
      defects.push({
        code: 'pattern-on-non-string',
        severity: 'warning',
        keyword: 'pattern',
        message: `pattern ${node.pattern} is on ${article(types)}, where JSON Schema ignores it`,
        handling: 'checked against the number\'s decimal text (e.g. 10.5 → "10.5")',
      });
    } else if (isOtherNonString) {
      defects.push({
        code: 'string-keyword-ignored',
        severity: 'warning',
        keyword: 'pattern',
        message: `pattern is on ${article(types)}, where it has no meaning`,
        handling: 'ignored',
      });
    }
    const health = patternHealth(node.pattern);
    if (health.kind === 'invalid') {
      defects.push({
        code: 'pattern-invalid',
        severity: 'error',
        keyword: 'pattern',
        message: `pattern ${JSON.stringify(node.pattern)} is not a valid regular expression (${health.reason})`,
        handling: 'dropped: values are not checked against it',
      });
    } else if (health.kind === 'never-matches') {
      defects.push({
        code: 'pattern-never-matches',
        severity: 'warning',
        keyword: 'pattern',
        message: `pattern ${JSON.stringify(node.pattern)} can never match (a generated candidate such as ${JSON.stringify(health.sample)} fails it)`,
        handling: 'relaxed: the rule is not enforced, so requests and responses are not all rejected',
      });
    } else if (health.kind === 'unprobed') {
      defects.push({
        code: 'pattern-unprobed',
        severity: 'info',
        keyword: 'pattern',
        message: `pattern ${JSON.stringify(node.pattern)} uses ${health.reason}, so it could not be probed for strings that match`,
        handling: 'enforced as written',
      });
    }
  }

  for (const keyword of ['minLength', 'maxLength'] as const) {
    if (node[keyword] === undefined) continue;
    if (isNumeric) {
      defects.push({
        code: 'length-on-non-string',
        severity: 'warning',
        keyword,
        message: `${keyword} ${node[keyword]} is on ${article(types)}, where JSON Schema ignores it`,
        handling: "checked against the length of the number's decimal text",
      });
    } else if (isOtherNonString) {
      defects.push({
        code: 'string-keyword-ignored',
        severity: 'warning',
        keyword,
        message: `${keyword} is on ${article(types)}, where it has no meaning`,
        handling: 'ignored',
      });
    }
  }

  if (isString && !isNumeric) {
    for (const keyword of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
      if (typeof node[keyword] === 'number') {
        defects.push({
          code: 'number-keyword-on-string',
          severity: 'warning',
          keyword,
          message: `${keyword} ${node[keyword]} is on a string, where JSON Schema ignores it`,
          handling: 'ignored, as JSON Schema does',
        });
      }
    }
  }

  if (typeof node.format === 'string' && !KNOWN_FORMATS.has(node.format)) {
    defects.push({
      code: 'unknown-format',
      severity: 'warning',
      keyword: 'format',
      message: `format "${node.format}" is not a format any validator knows`,
      handling: 'ignored: any value of the type is accepted',
    });
  }

  if (node.required !== undefined && !Array.isArray(node.required)) {
    defects.push({
      code: 'required-not-a-list',
      severity: 'error',
      keyword: 'required',
      message: `required is ${JSON.stringify(node.required)}; OpenAPI wants a list of property names on the parent object`,
      handling: 'ignored',
    });
  }

  if (node.nullable === true && types.length === 0 && !node.enum) {
    defects.push({
      code: 'nullable-without-type',
      severity: 'info',
      keyword: 'nullable',
      message: 'nullable is set without a type',
      handling: 'null is accepted along with anything else',
    });
  }

  for (const name of undeclaredRequired(node)) {
    defects.push({
      code: 'required-undeclared',
      severity: 'warning',
      keyword: 'required',
      property: name,
      message: `required names "${name}", a property this object never declares${nearName(node, name)}`,
      handling: 'dropped from required: an object is not made to carry a property the schema does not describe',
    });
  }

  const pairs: Array<[string, string]> = [
    ['minLength', 'maxLength'],
    ['minimum', 'maximum'],
    ['minItems', 'maxItems'],
  ];
  for (const [low, high] of pairs) {
    if (typeof node[low] === 'number' && typeof node[high] === 'number' && node[low] > node[high]) {
      defects.push({
        code: 'bounds-contradict',
        severity: 'error',
        keyword: high,
        message: `${low} ${node[low]} is greater than ${high} ${node[high]}: no value can satisfy both`,
        handling: 'left as written: every value fails',
      });
    }
  }
  return defects;
}

/**
 * Names in `required` that neither the object's `properties` nor any of its `allOf` members declare (a typo such as
 * `cnpjNumbers` for `cnpjNumber`). Only for closed shapes: an object whose properties may come from `oneOf`/`anyOf`
 * branches, patterns, conditionals or a cycle left as `$ref` is not judged.
 */
function undeclaredRequired(node: Record<string, unknown>): string[] {
  if (!Array.isArray(node.required) || node.required.length === 0) return [];
  const declared = declaredProperties(node);
  if (declared === undefined || declared.size === 0) return [];
  return node.required.filter((name: unknown): name is string => typeof name === 'string' && !declared.has(name));
}

const OPEN_SHAPES = ['oneOf', 'anyOf', 'patternProperties', 'if', 'dependentSchemas', '$ref', 'not'];

function declaredProperties(node: Record<string, unknown>, depth = 0): Set<string> | undefined {
  if (depth > 20 || OPEN_SHAPES.some((keyword) => node[keyword] !== undefined)) return undefined;
  const names = new Set<string>(node.properties && typeof node.properties === 'object' ? Object.keys(node.properties) : []);
  if (Array.isArray(node.allOf)) {
    for (const member of node.allOf) {
      if (member === null || typeof member !== 'object') return undefined;
      const inner = declaredProperties(member as Record<string, unknown>, depth + 1);
      if (inner === undefined) return undefined;
      for (const name of inner) names.add(name);
    }
  }
  return names;
}

function nearName(node: Record<string, unknown>, name: string): string {
  const declared = [...(declaredProperties(node) ?? [])];
  const near = declared.find(
    (other) => other.toLowerCase() === name.toLowerCase().replace(/s$/, '') || `${other}s`.toLowerCase() === name.toLowerCase(),
  );
  return near ? ` (it declares "${near}")` : '';
}
