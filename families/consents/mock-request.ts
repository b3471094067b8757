/**
 * The checks every consents API request goes through before its role is
 * played, in a transmitter's order: credentials (401), the
 * x-fapi-interaction-id (400, answered with a fresh id), Accept (406), the
 * token's right to the consents API (401/403), then the other headers and the
 * path (400). Answers and returns undefined when the request is refused.
 */
import { readCredentials } from '../../mocks/server/auth.ts';
import { callerOf, type Caller } from '../../mocks/server/consent-access.ts';
import type { MockExchange } from '../../mocks/server/mock-exchange.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import { acceptsJson } from '../../mocks/server/negotiate.ts';
import { checkParameters } from '../../mocks/server/request-params.ts';
import type { ConsentRole } from './shape.ts';

/** Who the consents API serves convenience tokens (`aferir:…` and plain ones) as: one shared pseudo-client. */
const CONVENIENCE_CLIENT = 'aferir-convenience-client';

const CHECKED_FIRST = new Set(['Authorization', 'x-fapi-interaction-id']);

export interface Admitted {
  clientId: string;
  caller: Caller;
}

export async function admit(
  ex: MockExchange,
  mounted: MountedOperation,
  role: ConsentRole,
  preparation: string | undefined,
): Promise<Admitted | undefined> {
  const headers = ex.req.headers;
  const credentials = readCredentials(headers.authorization);
  if (credentials.kind !== 'bearer') {
    ex.sendError(
      401,
      `${credentials.kind === 'missing' ? 'the Authorization header is missing' : 'the Authorization header is not a Bearer token'}; send a client_credentials token with scope consents.`,
    );
    return undefined;
  }
  if (preparation !== undefined) {
    ex.sendError(
      400,
      `header x-fapi-interaction-id is ${preparation === 'missing' ? 'required (a UUID)' : 'not a UUID'}; a fresh one is in the response header.`,
      'INVALID_INTERACTION_ID',
    );
    return undefined;
  }
  if (!acceptsJson(headers.accept)) {
    ex.sendError(406, `Accept '${String(headers.accept).slice(0, 100)}' excludes application/json, the only media type served.`);
    return undefined;
  }
  const caller = await callerOf(ex.runtime.consentAccess, ex.req);
  if (caller.kind === 'refused') {
    ex.sendError(401, `the access token is not accepted: ${caller.reason}.`, 'UNAUTHORIZED');
    return undefined;
  }
  if (caller.kind === 'issued') {
    // Extending takes the customer's token of that consent; everything else the client's own (client_credentials, scope consents).
    const wrong =
      role === 'extend'
        ? caller.consent === undefined
          ? 'extending a consent takes an authorization_code token of that consent'
          : undefined
        : caller.consent !== undefined || !caller.scopes.has('consents')
          ? 'the consents API takes a client_credentials token with scope consents'
          : undefined;
    if (wrong) {
      ex.sendError(403, `${wrong}.`, 'FORBIDDEN');
      return undefined;
    }
  }
  const values: Record<string, unknown> = {};
  const problems = [
    ...checkParameters(mounted.params.header, (key) => headers[key] as string | undefined, values, CHECKED_FIRST),
    ...checkParameters(mounted.params.path, (key) => ex.pathParams[key], values),
  ];
  if (problems.length > 0) {
    ex.sendError(
      400,
      problems.slice(0, 13).map((p) => ({ code: 'INVALID_PARAMETER', title: 'Bad request', detail: `${p.message}.` })),
    );
    return undefined;
  }
  return { clientId: caller.kind === 'issued' ? caller.clientId : CONVENIENCE_CLIENT, caller };
}
