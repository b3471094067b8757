/**
 * The consents spec's view of an answer: which operation of the spec a call
 * is (by method and path shape, so any version's file works) and whether a
 * body matches the schema the spec gives for that status.
 */
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { Finding } from '../result-model.ts';
import type { ApiAnswer } from './consents-api.ts';

/** `POST …/consents`, `GET …/consents/{id}`, `GET …/resources`: the last segments, ids as one template. */
export type CallShape = { method: string; path: RegExp };

export const SHAPES = {
  create: { method: 'POST', path: /\/consents$/ },
  read: { method: 'GET', path: /\/consents\/\{[^}]+\}$/ },
  revoke: { method: 'DELETE', path: /\/consents\/\{[^}]+\}$/ },
  resources: { method: 'GET', path: /\/resources$/ },
} satisfies Record<string, CallShape>;

export function operationOf(spec: LoadedSpec | undefined, shape: CallShape): Operation | undefined {
  return spec?.operations.find((op) => op.method === shape.method && shape.path.test(op.path));
}

/** How results name the call: the spec's operationId, or `METHOD /consents…`. */
export function operationLabel(spec: LoadedSpec | undefined, shape: CallShape, fallback: string): string {
  return operationOf(spec, shape)?.id ?? fallback;
}

/** Findings for a body that does not match the spec's schema for its status; none without a spec. */
export function schemaFindings(spec: LoadedSpec | undefined, shape: CallShape, answer: ApiAnswer): Finding[] {
  const operation = operationOf(spec, shape);
  const response = operation?.responses.find((r) => r.status === String(answer.status));
  const schema = response?.content.find((media) => /json/i.test(media.mediaType))?.schema;
  if (!spec || schema === undefined) return [];
  if (answer.json === undefined) return [{ message: `the ${answer.status} body is not JSON`, rule: 'content' }];
  const validate = spec.validator.compile(schema);
  if (validate(answer.json)) return [];
  return (validate.errors ?? []).slice(0, 10).map((error) => ({
    message: `$${error.instancePath.replace(/\//g, '.')}: ${error.message ?? 'does not match the schema'}`,
    path: `$${error.instancePath.replace(/\//g, '.')}`,
    rule: error.keyword,
  }));
}
