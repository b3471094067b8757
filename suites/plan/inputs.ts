/**
 * What an operation needs before it can be called — path parameters, and for
 * Opus the ids in the body — and which list operations can provide each
 * value (an `accountId` from `GET /accounts` feeds `/accounts/{accountId}`).
 * Operations are run providers first, so that discovery has values ready.
 */
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import { hasPropertyDeep, propertiesOf, requestBodySchema, requiredOf, successSchema } from './schema-shape.ts';

export interface Input {
  name: string;
  in: 'path' | 'body';
  schema?: JsonSchema;
  /** Operations whose success body holds a property of this name and that do not need it themselves. */
  providers: Operation[];
}

export function inputsOf(spec: LoadedSpec, operation: Operation): Input[] {
  const inputs: Input[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path') continue;
    inputs.push({ name: parameter.name, in: 'path', schema: parameter.schema, providers: providersOf(spec, operation, parameter.name) });
  }
  const body = requestBodySchema(operation);
  const bodyProps = propertiesOf(body);
  for (const name of requiredOf(body)) {
    // Found below the root only: a response's root members (`data`, `links`, `meta`) are its envelope, not a resource's
    // field, so a payments POST does not wait for its own `data` envelope from another operation's answer.
    const providers = providersOf(spec, operation, name, true);
    // A required body field no list returns (consent, requestMeta) is not an input: the data engine makes it up.
    if (providers.length > 0) inputs.push({ name, in: 'body', schema: bodyProps[name], providers });
  }
  return inputs;
}

function needs(operation: Operation, name: string): boolean {
  return operation.parameters.some((p) => p.in === 'path' && p.name === name) || requiredOf(requestBodySchema(operation)).includes(name);
}

function providersOf(spec: LoadedSpec, consumer: Operation, name: string, belowRoot = false): Operation[] {
  const holds = (schema: JsonSchema | undefined) =>
    belowRoot ? Object.values(propertiesOf(schema)).some((member) => hasPropertyDeep(member, name)) : hasPropertyDeep(schema, name);
  return spec.operations
    .filter((candidate) => candidate !== consumer && !needs(candidate, name) && holds(successSchema(candidate)))
    .sort((a, b) => countInputs(a) - countInputs(b));
}

function countInputs(operation: Operation): number {
  return operation.parameters.filter((p) => p.in === 'path').length + requiredOf(requestBodySchema(operation)).length;
}

/** Operations in an order where every provider comes before the operations it feeds; otherwise the spec's order. */
export function orderOperations(spec: LoadedSpec): Operation[] {
  const rank = new Map<Operation, number>();
  const rankOf = (operation: Operation, visiting: Set<Operation>): number => {
    const known = rank.get(operation);
    if (known !== undefined) return known;
    if (visiting.has(operation)) return 0;
    visiting.add(operation);
    let value = 0;
    for (const input of inputsOf(spec, operation)) {
      const provider = input.providers[0];
      if (provider) value = Math.max(value, rankOf(provider, visiting) + 1);
    }
    visiting.delete(operation);
    rank.set(operation, value);
    return value;
  };
  return spec.operations
    .map((operation, index) => ({ operation, index, rank: rankOf(operation, new Set()) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.operation);
}
