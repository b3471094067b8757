/**
 * A request as data: the valid request of an operation, and every negative
 * case as the same plan with one thing changed (no credentials, an unknown
 * id, page-size 1001, another method, an Accept nobody serves). Credentials
 * and the fresh interaction id are added only when the plan becomes an
 * outgoing request, so plans can be logged and compared safely.
 */
import { randomUUID } from 'node:crypto';
import { signsBody } from '../../specs/lookup.ts';
import type { Operation } from '../../specs/types.ts';
import type { OutgoingRequest, SignedClaims } from '../http/exchange.ts';
import type { Credentials } from './credentials.ts';

export interface RequestPlan {
  method: string;
  /** Path parameters by name, not yet encoded. */
  pathParams: Record<string, string>;
  /** Query parameters by name; arrays follow the parameter's style and explode. */
  query: Record<string, string | string[]>;
  /** Headers other than credentials and x-fapi-interaction-id (lower-case names). */
  headers: Record<string, string>;
  /** JSON body (Opus POST operations). */
  body?: unknown;
  /** Which credentials to send: the full token, the one without permissions, none, or the full token's user with a wrong secret. */
  auth: 'token' | 'limited' | 'none' | 'wrong-secret';
  /** Send a fresh x-fapi-interaction-id when the operation declares it (`fresh`), or leave it out (`omit`). */
  interactionId: 'fresh' | 'omit';
  /** A signed (application/jwt) body whose signature is broken on purpose. Default: signed as it should be. */
  brokenSignature?: true;
  /** Claims of the signed body set by the plan, over the ones the signer makes. Default: the signer's own. */
  claims?: SignedClaims;
}

export const INTERACTION_ID_HEADER = 'x-fapi-interaction-id';

/** The same plan with some fields replaced (a shallow copy: plans are never mutated). */
export function vary(plan: RequestPlan, change: Partial<RequestPlan>): RequestPlan {
  return { ...plan, ...change };
}

export function declaresInteractionId(operation: Operation): boolean {
  return operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === INTERACTION_ID_HEADER);
}

/** The absolute URL of the operation's path under the target, with the plan's path and query parameters. */
function urlFor(target: string, operation: Operation, plan: RequestPlan): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(plan.pathParams[name] ?? `{${name}}`));
  const base = target.replace(/\/+$/, '');
  const url = new URL(base + path);
  for (const [name, value] of Object.entries(plan.query)) {
    const parameter = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    if (Array.isArray(value)) {
      if (parameter && !parameter.explode) url.searchParams.append(name, value.join(','));
      else for (const item of value) url.searchParams.append(name, item);
    } else {
      url.searchParams.append(name, value);
    }
  }
  return url.toString();
}

/** A signed success body (payments) is asked for first; JSON stays acceptable for the errors documented as JSON. */
function acceptFor(operation: Operation): string {
  const success = operation.responses.find((response) => /^2\d\d$/.test(response.status));
  return success && signsBody(operation, success.status) ? 'application/jwt, application/json;q=0.9' : 'application/json';
}

export function toOutgoing(target: string, operation: Operation, plan: RequestPlan, credentials: Credentials): OutgoingRequest {
  const headers: Record<string, string> = { accept: acceptFor(operation), ...credentials.extraHeaders, ...plan.headers };
  const query = { ...plan.query };
  if (plan.auth === 'none') {
    for (const name of Object.keys(headers)) if (credentials.isCredentialHeader(name)) delete headers[name];
  } else {
    const applied = credentials.apply(operation, plan.auth);
    Object.assign(headers, applied.headers);
    Object.assign(query, applied.query);
  }
  if (plan.interactionId === 'fresh' && declaresInteractionId(operation)) headers[INTERACTION_ID_HEADER] = randomUUID();
  else delete headers[INTERACTION_ID_HEADER];
  return {
    method: plan.method,
    url: urlFor(target, operation, { ...plan, query }),
    headers,
    body: plan.body,
    ...(plan.brokenSignature ? { brokenSignature: true as const } : {}),
    ...(plan.claims ? { claims: plan.claims } : {}),
  };
}
