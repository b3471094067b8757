/**
 * What the consents API and the data APIs share about consents and tokens:
 * the consents' life cycle (the authorization server's ConsentService, or one
 * over a private memory store when the mock runs without one), the token check,
 * the world's shareable resources and the planted defects. Set on the runtime
 * by startMock.
 */
import type { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ConsentResource } from '../authorization/consent.ts';
import type { ConsentService } from '../authorization/consent-service.ts';
import { peerCertificate } from '../authorization/mtls.ts';
import type { AccessTokenCheck } from '../authorization/token-check.ts';
import type { Consent } from '../authorization/consent.ts';
import type { MockDefect } from './options.ts';
import type { PublicJwk } from '../../specs/jws.ts';

export interface ConsentAccess {
  consents: ConsentService;
  /** The authorization server's token check; absent when the mock runs without one. */
  verifyAccessToken?: (token: string, certificate?: X509Certificate) => Promise<AccessTokenCheck>;
  /** A registered client's signing keys, to verify its signed request bodies; absent without an authorization server. */
  clientKeys?: (clientId: string) => Promise<PublicJwk[] | undefined>;
  /** Every account, card and contract of the world a customer can share (the same ids the data APIs serve). */
  resources(): ConsentResource[];
  defects: ReadonlySet<MockDefect>;
}

/** What a bearer token is to the mock's APIs. */
export type Caller =
  /** Not a token of the authorization server: the `aferir:` convention and plain tokens, as before. */
  | { kind: 'convenience' }
  /** An active token the authorization server issued; `consent` is its consent when it carries one. */
  | { kind: 'issued'; clientId: string; scopes: ReadonlySet<string>; consent?: Consent }
  /** A token of the server's shape that it does not accept (unknown, expired, revoked, consent no longer AUTHORISED, wrong certificate). */
  | { kind: 'refused'; reason: string };

/** oidc-provider's opaque tokens: 256 random bits, 43 base64url characters. */
const ISSUED_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function bearerToken(header: string | undefined): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Whether the request's bearer token must be checked with the authorization server (the caller then awaits `callerOf`). */
export function needsTokenCheck(access: ConsentAccess | undefined, req: IncomingMessage): boolean {
  const token = bearerToken(req.headers.authorization);
  return access?.verifyAccessToken !== undefined && token !== undefined && ISSUED_SHAPE.test(token);
}

export async function callerOf(access: ConsentAccess | undefined, req: IncomingMessage): Promise<Caller> {
  const token = bearerToken(req.headers.authorization);
  if (!access?.verifyAccessToken || token === undefined || !ISSUED_SHAPE.test(token)) return { kind: 'convenience' };
  const check = await access.verifyAccessToken(token, peerCertificate(req));
  // The planted defect forgets that a token or its consent ended; a token shown without its certificate is still refused.
  if (!check.active)
    return access.defects.has('revoked-token-accepted') && check.cause !== 'certificate'
      ? { kind: 'convenience' }
      : { kind: 'refused', reason: check.reason };
  const consent = check.consentId === undefined ? undefined : await access.consents.get(check.consentId);
  return {
    kind: 'issued',
    clientId: check.clientId,
    scopes: new Set(check.scope.split(' ').filter(Boolean)),
    ...(consent ? { consent } : {}),
  };
}
