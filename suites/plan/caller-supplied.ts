/**
 * Path parameters the caller makes up (a webhook's `{paymentId}`): when no list of the API
 * yields the value, no POST of the API creates it, and the operation documents no 404, the
 * server has no set of ids to check it against — it cannot refuse an id it never issued — so
 * any value that satisfies the parameter's schema is a valid request. The value then comes
 * from the data engine, which draws it from that schema.
 */
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { Input } from './inputs.ts';

export function isCallerSupplied(spec: LoadedSpec, operation: Operation, input: Input): boolean {
  if (input.in !== 'path' || input.providers.length > 0) return false;
  if (operation.responses.some((response) => response.status === '404')) return false;
  return !spec.operations.some((candidate) => candidate.method === 'POST' && createsParameter(candidate.path, operation.path, input.name));
}

/** A POST creates `{name}` when its path is everything before that segment (`POST /consents` → `/consents/{consentId}`). */
function createsParameter(postPath: string, consumerPath: string, name: string): boolean {
  const at = consumerPath.indexOf(`/{${name}}`);
  return at >= 0 && stripSlash(postPath) === stripSlash(consumerPath.slice(0, at));
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}
