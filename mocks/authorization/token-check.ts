/**
 * What a resource server (the mock's data APIs, later) must know about a
 * bearer token: is it an active access token of this server, for which
 * client, customer and consent, and — when it is certificate-bound — was it
 * presented over a connection with that certificate (RFC 8705 §3).
 */
import type { X509Certificate } from 'node:crypto';
import type Provider from 'oidc-provider';
import { consentIdOf } from './consent-scope.ts';
import type { ConsentService } from './consent-service.ts';
import { thumbprintS256 } from './mtls.ts';

export type AccessTokenCheck =
  | {
      active: true;
      clientId: string;
      /** The customer's CPF for consent tokens; absent for client_credentials tokens. */
      accountId?: string;
      scope: string;
      /** The consent the token was issued for (its `consent:<id>` scope). */
      consentId?: string;
      /** Seconds since the epoch. */
      expiresAt: number;
      /** `x5t#S256` of the certificate the token is bound to, when it is bound. */
      certificateThumbprint?: string;
    }
  | {
      active: false;
      error: 'invalid_token';
      reason: string;
      /** What ended it: the token itself (unknown, expired, revoked), the certificate it was presented with, or its consent. */
      cause: 'token' | 'certificate' | 'consent';
    };

const inactive = (reason: string, cause: 'token' | 'certificate' | 'consent' = 'token'): AccessTokenCheck => ({
  active: false,
  error: 'invalid_token',
  reason,
  cause,
});

export async function verifyAccessToken(
  provider: Provider,
  consents: ConsentService,
  value: string,
  certificate?: X509Certificate,
): Promise<AccessTokenCheck> {
  const token = (await provider.AccessToken.find(value)) ?? (await provider.ClientCredentials.find(value));
  if (!token) return inactive('the token is unknown, expired or revoked');
  const bound = token['x5t#S256'];
  if (bound !== undefined) {
    if (!certificate) return inactive('the token is bound to a client certificate and none was presented', 'certificate');
    if (thumbprintS256(certificate) !== bound) return inactive('the token is bound to another client certificate', 'certificate');
  }
  const consentId = consentIdOf(token.scope);
  if (consentId !== undefined) {
    const consent = await consents.get(consentId);
    if (consent?.status !== 'AUTHORISED') return inactive(`the token's consent is ${consent?.status ?? 'gone'}`, 'consent');
  }
  return {
    active: true,
    clientId: String(token.clientId),
    ...('accountId' in token && token.accountId ? { accountId: String(token.accountId) } : {}),
    scope: token.scope ?? '',
    ...(consentId ? { consentId } : {}),
    expiresAt: token.exp ?? 0,
    ...(bound ? { certificateThumbprint: bound } : {}),
  };
}
