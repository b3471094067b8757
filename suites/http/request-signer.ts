/**
 * Request bodies the spec documents only as `application/jwt` (the payments family) leave as a compact JWS signed
 * PS256: the payload the plan built, plus the claims the Open Finance rules for signed messages name (`aud`, `iss`,
 * `iat`, a fresh `jti`). The key is the `--auth` client's when given (the target can then verify it against the
 * client's registered JWKS); otherwise one generated for the run, which no target can verify — the run then tests
 * everything but the target's signature check.
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { signCompactJws } from '../../specs/jws.ts';
import { signsBody } from '../../specs/lookup.ts';
import type { Operation } from '../../specs/types.ts';
import { UsageError } from '../../specs/errors.ts';
import type { OutgoingRequest } from './exchange.ts';

/** The client's key for signed request bodies (`--auth`'s private key, key id and client id). */
export interface RequestSigningOptions {
  /** PEM or JWK text. */
  privateKey: string;
  /** `kid` in the JWS header. Default: the JWK's own, or none. */
  keyId?: string;
  /** `iss` of the signed bodies. Default `aferir`. */
  clientId?: string;
}

export class RequestSigner {
  private key?: { privateKey: KeyObject; kid?: string };

  constructor(
    private readonly given: RequestSigningOptions | undefined,
    private readonly now: () => number,
  ) {}

  /** The request as sent: signed when the operation's request body is `application/jwt`, unchanged otherwise. */
  apply(operation: Operation, request: OutgoingRequest): OutgoingRequest {
    if (request.body === undefined || !signsBody(operation)) return request;
    const key = this.signingKey();
    const payload =
      request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) ? request.body : { data: request.body };
    const claims = {
      ...payload,
      aud: new URL(request.url).origin,
      iss: this.given?.clientId ?? 'aferir',
      iat: Math.floor(this.now() / 1000),
      jti: randomUUID(),
      // A check's own claims (another server's aud, a stale iat, a jti sent before) replace the generated ones.
      ...request.claims,
    };
    const jws = signCompactJws(key.privateKey, key.kid, claims);
    return {
      ...request,
      headers: { ...request.headers, 'content-type': 'application/jwt' },
      signedBody: request.brokenSignature ? breakSignature(jws) : jws,
    };
  }

  /** Whether the target can verify what this signs: the key is the `--auth` client's, registered with it. */
  get verifiable(): boolean {
    return this.given !== undefined;
  }

  /** Read (or generated, for a run without `--auth`) on first use: most runs never sign. */
  private signingKey(): { privateKey: KeyObject; kid?: string } {
    if (this.key) return this.key;
    if (!this.given) {
      this.key = { privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, kid: 'aferir-run' };
      return this.key;
    }
    const text = this.given.privateKey.trim();
    try {
      const jwk = text.startsWith('{') ? (JSON.parse(text) as { kid?: unknown }) : undefined;
      const privateKey = jwk ? createPrivateKey({ key: jwk as never, format: 'jwk' }) : createPrivateKey(text);
      this.key = { privateKey, kid: this.given.keyId ?? (typeof jwk?.kid === 'string' ? jwk.kid : undefined) };
      return this.key;
    } catch (error) {
      throw new UsageError(
        `the key for signed request bodies is not a private key in PEM or JWK form (${(error as Error).message.split('\n')[0]}).`,
        {
          cause: error,
        },
      );
    }
  }
}

/** The same JWS with the first byte of its signature changed: well-formed, but no key verifies it. */
function breakSignature(jws: string): string {
  const dot = jws.lastIndexOf('.');
  const signature = Buffer.from(jws.slice(dot + 1), 'base64url');
  signature[0] = (signature[0] ?? 0) ^ 0xff;
  return `${jws.slice(0, dot + 1)}${signature.toString('base64url')}`;
}
