/**
 * The valid request of an operation: ids from discovery or --param, required
 * query values and headers, and for POST APIs the data engine's body reduced
 * to its required members (optional filters would narrow the lists the other
 * checks walk). When something required has no value, the plan says which
 * and how to supply it, and the operation's checks are skipped with that reason.
 */
import type { GeneratedRequest } from '../../data/index.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { isCallerSupplied } from './caller-supplied.ts';
import type { Input } from './inputs.ts';
import { INTERACTION_ID_HEADER, type RequestPlan } from './request-plan.ts';
import { propertiesOf, requestBodySchema, requiredOf } from './schema-shape.ts';

export interface PlanSources {
  /** Input values: --param first, then discovery. */
  known: ReadonlyMap<string, unknown>;
  /** `--param name=value` as given (query, header and body values too). */
  params: Readonly<Record<string, string>>;
  /** The data engine's valid request, if one could be generated. */
  generated?: GeneratedRequest;
}

export function buildValidPlan(
  spec: LoadedSpec,
  operation: Operation,
  inputs: readonly Input[],
  sources: PlanSources,
): RequestPlan | { unavailable: string } {
  const pathParams: Record<string, string> = {};
  const missing: string[] = [];
  for (const input of inputs) {
    if (input.in !== 'path') continue;
    const value = sources.known.get(input.name) ?? callerSuppliedValue(spec, operation, input, sources.generated);
    if (value === undefined) missing.push(describeMissing(input));
    else pathParams[input.name] = String(value);
  }

  const query: Record<string, string | string[]> = {};
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    const name = parameter.name;
    const lower = name.toLowerCase();
    if (parameter.in === 'query') {
      const value = sources.params[name] ?? (parameter.required ? sources.generated?.query[name] : undefined);
      if (value !== undefined) query[name] = value;
      else if (parameter.required) missing.push(`required query parameter ${name} (pass --param ${name}=<value>)`);
    } else if (parameter.in === 'header' && lower !== 'authorization' && lower !== INTERACTION_ID_HEADER) {
      const value = sources.params[name] ?? (parameter.required ? headerValue(sources.generated, lower) : undefined);
      if (value !== undefined) headers[lower] = value;
      else if (parameter.required) missing.push(`required header ${name} (pass --param ${name}=<value>)`);
    }
  }

  let body: unknown;
  if (operation.requestBody) {
    const schema = requestBodySchema(operation);
    const generated = sources.generated?.body;
    if (generated !== undefined && generated !== null && typeof generated === 'object' && !Array.isArray(generated)) {
      const required = requiredOf(schema);
      body = Object.fromEntries(Object.entries(generated).filter(([name]) => required.includes(name)));
    } else {
      body = generated;
    }
    if (body === undefined && operation.requestBody.required) {
      missing.push('a request body (the data engine generated none for this operation)');
    }
    for (const input of inputs) {
      if (input.in !== 'body') continue;
      const value = sources.known.get(input.name);
      if (value === undefined) missing.push(describeMissing(input));
      else body = { ...((body as Record<string, unknown>) ?? {}), [input.name]: value };
    }
    for (const [name, raw] of Object.entries(sources.params)) {
      if (name in propertiesOf(schema) && !inputs.some((input) => input.name === name))
        body = { ...((body as Record<string, unknown>) ?? {}), [name]: parseParam(raw) };
    }
  }

  if (missing.length > 0) return { unavailable: `no value for ${missing.join('; ')}` };
  return { method: operation.method, pathParams, query, headers, body, auth: 'token', interactionId: 'fresh' };
}

/** A path value the caller may make up (see caller-supplied.ts): the data engine's, drawn from the parameter's schema. */
function callerSuppliedValue(
  spec: LoadedSpec,
  operation: Operation,
  input: Input,
  generated: GeneratedRequest | undefined,
): string | undefined {
  return isCallerSupplied(spec, operation, input) ? generated?.pathParams[input.name] : undefined;
}

function describeMissing(input: Input): string {
  const where = input.in === 'path' ? `path parameter {${input.name}}` : `body field ${input.name}`;
  const looked =
    input.providers.length > 0
      ? `no list operation returned one (looked in ${input.providers.map((p) => p.id).join(', ')})`
      : 'no list operation returns it';
  return `${where}: ${looked}; pass it with --param ${input.name}=<value>`;
}

function headerValue(generated: GeneratedRequest | undefined, lower: string): string | undefined {
  if (!generated) return undefined;
  const entry = Object.entries(generated.headers).find(([name]) => name.toLowerCase() === lower);
  return entry?.[1];
}

/** --param values for body fields may be JSON (an Opus LegacyId is an array); anything else is a string. */
export function parseParam(raw: string): unknown {
  const trimmed = raw.trim();
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  return raw;
}
