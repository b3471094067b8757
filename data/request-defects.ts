/**
 * Negative requests, one defect at a time: given a valid request (from
 * World.validRequest) and its operation, yield named variants that each break
 * exactly one thing — a missing required body field, a wrong type, a value
 * off its pattern or enum, a number out of bounds, an id that does not exist,
 * a missing required query parameter or header. Suites send them and expect
 * the matching 4xx. Everything else in each variant stays valid.
 */
import type { JsonSchemaObject } from '../specs/json-schema.ts';
import { jsonMedia } from '../specs/lookup.ts';
import { compilePattern } from '../specs/pattern-health.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../specs/types.ts';
import type { GeneratedRequest, RequestDefect } from './api.ts';
import { plannerFor } from './planners.ts';
import { hashString, Rng } from './random.ts';
import { mergeAllOf } from './schema/merge.ts';

type Schema = JsonSchemaObject;

const clone = (request: GeneratedRequest): GeneratedRequest => structuredClone(request);

function schemaAt(schema: JsonSchema | undefined): Schema | undefined {
  return schema && typeof schema === 'object' ? mergeAllOf(schema) : undefined;
}

/** A value of another JSON type than the schema wants. */
function wrongTypeValue(schema: Schema): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer' || type === 'boolean') return 'texto';
  if (type === 'array') return { item: 'não é uma lista' };
  if (type === 'object') return 'não é um objeto';
  return undefined;
}

/** A string the field's pattern rejects (other rules kept when possible). */
function offPatternValue(schema: Schema, valid: unknown): string | undefined {
  if (typeof schema.pattern !== 'string') return undefined;
  const regex = compilePattern(schema.pattern);
  const base = typeof valid === 'string' ? valid : '';
  for (const candidate of [`${base.slice(0, Math.max(0, base.length - 1))}#`, '#', ' inválido ', `${base}\n#`, '']) {
    if (!regex.test(candidate) && (schema.maxLength === undefined || candidate.length <= schema.maxLength)) return candidate;
  }
  return undefined;
}

function* bodyDefects(
  body: unknown,
  schema: Schema | undefined,
  pointer: string,
  depth: number,
): Generator<{ name: string; pointer: string; value: unknown | typeof REMOVE; description: string }> {
  if (!schema || depth > 3) return;
  if (schema.type === 'object' || schema.properties) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    const record = body as Record<string, unknown>;
    const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
    for (const [name, child] of Object.entries<JsonSchema>(schema.properties ?? {})) {
      if (!(name in record)) continue;
      const childPointer = `${pointer}/${name}`;
      const childSchema = schemaAt(child);
      if (required.has(name))
        yield {
          name: `missing-required-body-field:${childPointer}`,
          pointer: childPointer,
          value: REMOVE,
          description: `required body field ${childPointer} left out`,
        };
      if (childSchema) {
        const wrong = wrongTypeValue(childSchema);
        if (wrong !== undefined)
          yield {
            name: `wrong-type:${childPointer}`,
            pointer: childPointer,
            value: wrong,
            description: `${childPointer} sent as ${typeof wrong === 'object' ? 'an object' : typeof wrong}`,
          };
        const off = offPatternValue(childSchema, record[name]);
        if (off !== undefined)
          yield {
            name: `bad-pattern:${childPointer}`,
            pointer: childPointer,
            value: off,
            description: `${childPointer} does not match ${childSchema.pattern}`,
          };
        if (Array.isArray(childSchema.enum) && typeof record[name] === 'string')
          yield {
            name: `bad-enum:${childPointer}`,
            pointer: childPointer,
            value: 'VALOR_INEXISTENTE',
            description: `${childPointer} outside its enum`,
          };
        if (typeof childSchema.maximum === 'number' && typeof record[name] === 'number')
          yield {
            name: `out-of-range:${childPointer}`,
            pointer: childPointer,
            value: childSchema.maximum + 1,
            description: `${childPointer} above its maximum ${childSchema.maximum}`,
          };
        yield* bodyDefects(record[name], childSchema, childPointer, depth + 1);
      }
    }
  }
}

const REMOVE = Symbol('remove');

function setAt(body: unknown, pointer: string, value: unknown): void {
  const parts = pointer.split('/').slice(1);
  let node = body as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts[parts.length - 1];
  if (last === undefined) return;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
}

/** An id of the parameter's own shape that the world does not have. */
function unknownId(spec: LoadedSpec, schema: JsonSchema | undefined, name: string, valid: string): string {
  const planner = plannerFor(spec);
  for (let attempt = 0; attempt < 8; attempt++) {
    const value = String(
      planner.generate(
        schema ?? { type: 'string' },
        new Rng(hashString(`unknown:${name}:${attempt}`)),
        { now: Date.UTC(2020, 0, 1) },
        undefined,
        { name, parent: '' },
      ),
    );
    if (value !== valid) return value;
  }
  return `${valid}0`;
}

/** Every single-defect variant of a valid request, in a stable order. */
export function* requestDefects(spec: LoadedSpec, operation: Operation, request: GeneratedRequest): Generator<RequestDefect> {
  for (const parameter of operation.parameters) {
    const schema = schemaAt(parameter.schema);
    const pathValue = request.pathParams[parameter.name];
    if (parameter.in === 'path' && pathValue !== undefined) {
      const variant = clone(request);
      variant.pathParams[parameter.name] = unknownId(spec, parameter.schema, parameter.name, pathValue);
      yield {
        name: `unknown-id:${parameter.name}`,
        location: 'path',
        target: parameter.name,
        description: `${parameter.name} names nothing that exists`,
        expect: 'not-found',
        request: variant,
      };
    } else if (parameter.in === 'query') {
      if (parameter.required && request.query[parameter.name] !== undefined) {
        const variant = clone(request);
        delete variant.query[parameter.name];
        yield {
          name: `missing-required-query:${parameter.name}`,
          location: 'query',
          target: parameter.name,
          description: `required query parameter ${parameter.name} left out`,
          expect: 'invalid',
          request: variant,
        };
      }
      const bad = schema ? badQueryValue(schema) : undefined;
      if (bad !== undefined) {
        const variant = clone(request);
        variant.query[parameter.name] = bad;
        yield {
          name: `bad-query:${parameter.name}`,
          location: 'query',
          target: parameter.name,
          description: `query ${parameter.name}=${bad} breaks its schema`,
          expect: 'invalid',
          request: variant,
        };
      }
    } else if (parameter.in === 'header' && parameter.required && parameter.name.toLowerCase() !== 'authorization') {
      const key = Object.keys(request.headers).find((h) => h.toLowerCase() === parameter.name.toLowerCase());
      if (key) {
        const variant = clone(request);
        delete variant.headers[key];
        yield {
          name: `missing-required-header:${parameter.name}`,
          location: 'header',
          target: parameter.name,
          description: `required header ${parameter.name} left out`,
          expect: 'invalid',
          request: variant,
        };
      }
    }
  }
  const media = operation.requestBody ? jsonMedia(operation.requestBody.content) : undefined;
  if (request.body !== undefined && media?.schema !== undefined) {
    for (const idField of ['accountId', 'contractId']) {
      const value = (request.body as Record<string, unknown>)[idField];
      if (Array.isArray(value) && value.length > 0) {
        const variant = clone(request);
        (variant.body as JsonSchemaObject)[idField] = [
          { key: idField, value: unknownId(spec, { type: 'string', format: 'uuid' }, idField, String(value[0]?.value)) },
        ];
        yield {
          name: `unknown-id:/${idField}`,
          location: 'body',
          target: `/${idField}`,
          description: `${idField} names nothing that exists`,
          expect: 'not-found',
          request: variant,
        };
      }
    }
    for (const defect of bodyDefects(request.body, schemaAt(media.schema), '', 0)) {
      const variant = clone(request);
      setAt(variant.body, defect.pointer, defect.value);
      yield {
        name: defect.name,
        location: 'body',
        target: defect.pointer,
        description: defect.description,
        expect: 'invalid',
        request: variant,
      };
    }
  }
}

/** A query value its schema rejects: above the maximum, below the minimum, off the enum or the date format. */
function badQueryValue(schema: Schema): string | undefined {
  if (typeof schema.maximum === 'number') return String(schema.maximum + 1);
  if (typeof schema.minimum === 'number') return String(schema.minimum - 1);
  if (Array.isArray(schema.enum)) return 'VALOR_INEXISTENTE';
  if (schema.format === 'date') return '2021-13-45';
  if (schema.format === 'uuid') return 'nao-e-uuid';
  if (schema.type === 'integer' || schema.type === 'number') return 'abc';
  return undefined;
}
