/**
 * The mock's signed bodies (`application/jwt`, the payments-family specs): a JSON payload sent as a compact JWS,
 * PS256 with the mock's signing key (the authorization server's, published at `<issuer>/jwks` and at
 * `/_aferir/jwks`). The Open Finance rules for signed messages name the claims a receiver validates —
 * `aud`, `iss`, `iat` and `jti` (a reused `jti` is refused) — so they are added beside the payload's own members.
 * The key is loaded once at start-up.
 */
import { randomUUID } from 'node:crypto';
import { signCompactJws } from '../../specs/jws.ts';
import type { MockSigningKey } from '../authorization/keys.ts';

/** `aud` of a response when no registered client made the request (a convenience token). */
export const UNKNOWN_AUDIENCE = 'unregistered-client';

export class BodySigner {
  constructor(
    readonly key: MockSigningKey,
    /** `iss` of every signed body: the mock's origin (or its authorization server's issuer). */
    readonly issuer: string,
  ) {}

  /** The JWKS that verifies what this signer signs. */
  jwks(): { keys: object[] } {
    return { keys: [{ ...this.key.publicJwk, kid: this.key.kid, alg: this.key.alg, use: 'sig' }] };
  }

  /** `payload` is the JSON body the mock would have sent; a non-object payload is wrapped as `{ data }`; not JSON: undefined (sent as is). */
  sign(payload: Buffer, audience: string, nowMs: number): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString('utf8'));
    } catch {
      return undefined;
    }
    const members = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { data: parsed };
    const claims = { ...members, aud: audience, iss: this.issuer, iat: Math.floor(nowMs / 1000), jti: randomUUID() };
    return signCompactJws(this.key.privateKey, this.key.kid, claims);
  }
}
