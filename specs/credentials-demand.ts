/**
 * Whether an operation demands credentials. It does when it names a security
 * scheme; and also, in a spec that declares no security scheme at all, when it
 * documents 401 — the spec then says a request can be refused for its
 * credentials, only not how they travel, and `Authorization` is HTTP's default
 * place for them (RFC 9110 §11.6.2). Opus' connector contracts are written
 * this way. A spec that declares schemes and leaves an operation without one
 * is taken at its word: that operation is open.
 */
import type { LoadedSpec, Operation } from './types.ts';

export function demandsCredentials(
  spec: Pick<LoadedSpec, 'securitySchemes'>,
  operation: Pick<Operation, 'security' | 'responses'>,
): boolean {
  if (operation.security.length > 0) return true;
  return Object.keys(spec.securitySchemes).length === 0 && operation.responses.some((r) => r.status === '401');
}
