/**
 * Path, query and header parameters read and checked the way the spec says:
 * text is turned into the schema's type (integer, number, boolean, arrays in
 * their `style`/`explode` form), then checked with the spec's own compiled
 * validator. Everything is prepared once per operation at start-up.
 */
import type { ValidateFunction } from 'ajv';
import type { LoadedSpec, Operation, Parameter } from '../../specs/types.ts';
import { toViolations } from '../../specs/violations.ts';
import { isSchemaObject, type JsonSchema } from '../../specs/json-schema.ts';

export interface ParameterProblem {
  in: Parameter['in'];
  name: string;
  /** `missing`, or the broken rule as the spec writes it (`maximum 1000`, `pattern …`). */
  rule: string;
  message: string;
}

interface CompiledParameter {
  parameter: Parameter;
  /** Lower-cased for headers. */
  key: string;
  validate?: ValidateFunction;
  coerce: (raw: string | string[]) => unknown;
}

export interface CompiledParameters {
  path: CompiledParameter[];
  query: CompiledParameter[];
  header: CompiledParameter[];
}

export function compileParameters(spec: LoadedSpec, operation: Operation): CompiledParameters {
  const compiled: CompiledParameters = { path: [], query: [], header: [] };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'cookie') continue;
    const schema = parameter.schema;
    compiled[parameter.in].push({
      parameter,
      key: parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name,
      validate: schema === undefined ? undefined : spec.validator.compile(schema),
      coerce: coercerFor(parameter),
    });
  }
  return compiled;
}

/**
 * Checks one location's values; returns the problems and, in `values`, the
 * coerced values by parameter name (what the data engine receives).
 */
export function checkParameters(
  list: readonly CompiledParameter[],
  read: (key: string) => string | string[] | undefined,
  values: Record<string, unknown>,
  skip?: ReadonlySet<string>,
): ParameterProblem[] {
  let problems: ParameterProblem[] | undefined;
  for (const entry of list) {
    const { parameter } = entry;
    if (skip?.has(parameter.name)) continue;
    const raw = read(entry.key);
    if (raw === undefined) {
      if (parameter.required)
        (problems ??= []).push({ in: parameter.in, name: parameter.name, rule: 'missing', message: `${where(parameter)} is required` });
      continue;
    }
    const value = entry.coerce(raw);
    if (entry.validate && !entry.validate(value)) {
      const [first] = toViolations(entry.validate.errors ?? [], value);
      const at = first && first.path !== '$' ? ` at ${first.path.replace(/^\$/, '')}` : '';
      (problems ??= []).push({
        in: parameter.in,
        name: parameter.name,
        rule: first?.rule ?? 'schema',
        message: `${where(parameter)} ${JSON.stringify(raw).slice(0, 120)} breaks the rule ${first?.rule ?? 'of its schema'}${at}`,
      });
      continue;
    }
    values[parameter.name] = value;
  }
  return problems ?? NO_PROBLEMS;
}

const NO_PROBLEMS: ParameterProblem[] = [];

function where(parameter: Parameter): string {
  const place = parameter.in === 'header' ? 'header' : parameter.in === 'path' ? 'path parameter' : 'query parameter';
  return `${place} ${parameter.name}`;
}

function coercerFor(parameter: Parameter): (raw: string | string[]) => unknown {
  const schema = isSchemaObject(parameter.schema) ? parameter.schema : {};
  const type = primaryType(schema);
  if (type === 'array') {
    const items = coerceScalar(primaryType(schema.items ?? {}));
    const separator = parameter.style === 'spaceDelimited' ? ' ' : parameter.style === 'pipeDelimited' ? '|' : ',';
    return (raw) => {
      const parts = Array.isArray(raw) ? raw : [raw];
      const split = parameter.explode && parameter.in === 'query' ? parts : parts.flatMap((part) => part.split(separator));
      return split.map(items);
    };
  }
  const scalar = coerceScalar(type);
  // A scalar parameter given twice keeps its first value, as most servers do.
  return (raw) => scalar(Array.isArray(raw) ? raw[0]! : raw); // a repeated parameter has at least one value
}

function primaryType(schema: JsonSchema | JsonSchema[]): string | undefined {
  if (!isSchemaObject(schema)) return undefined;
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

function coerceScalar(type: string | undefined): (text: string) => unknown {
  switch (type) {
    case 'integer':
    case 'number':
      // Only plain decimal text becomes a number; anything else stays text so the type check names it.
      return (text) => (/^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : text);
    case 'boolean':
      return (text) => (text === 'true' ? true : text === 'false' ? false : text);
    default:
      return (text) => text;
  }
}
