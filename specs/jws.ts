/**
 * Signed bodies (`application/jwt`, request or response) as the payments-family specs use them: a compact JWS
 * signed PS256 (FAPI-BR). `decodeCompactJws` takes one apart without trusting it (three base64url parts, a JSON
 * header naming an algorithm, a JSON payload); `verifyCompactJws` checks it against a JWKS; `signCompactJws` makes
 * one. Synchronous node:crypto, so that neither the mock's `send` nor a check has to wait.
 */
import { constants, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** RSASSA-PSS with SHA-256 and a 32-byte salt: what PS256 is (RFC 7518 §3.5). */
const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } as const;
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: unknown;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

const PART = /^[A-Za-z0-9_-]*$/;

export function decodeCompactJws(text: string): DecodedJws | { problem: string } {
  const parts = text.trim().split('.');
  if (parts.length !== 3) return { problem: `a compact JWS has 3 dot-separated parts, this has ${parts.length}` };
  const [head = '', body = '', signature = ''] = parts;
  if (![head, body, signature].every((part) => PART.test(part))) return { problem: 'a part is not base64url' };
  const header = parseJson(head);
  if (header === undefined || header === null || typeof header !== 'object' || Array.isArray(header))
    return { problem: 'the protected header is not a JSON object' };
  const record = header as Record<string, unknown>;
  if (typeof record.alg !== 'string' || record.alg === 'none') return { problem: 'the header names no signing algorithm' };
  const payload = parseJson(body);
  if (payload === undefined) return { problem: 'the payload is not JSON' };
  return { header: record, payload, signingInput: `${head}.${body}`, signature: Buffer.from(signature, 'base64url') };
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url')));
  } catch {
    return undefined;
  }
}

export function signCompactJws(key: KeyObject, kid: string | undefined, claims: object): string {
  const header = { alg: 'PS256', typ: 'JWT', ...(kid ? { kid } : {}) };
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key, ...PSS }).toString('base64url')}`;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWK as a JWKS holds it (only the members read here are typed). */
export interface PublicJwk {
  kty?: unknown;
  kid?: unknown;
  use?: unknown;
  [member: string]: unknown;
}

/**
 * Which key of `keys` verifies the JWS: the one its `kid` names (any RSA signing key when it names none).
 * Returns the problem when none does; only PS256 is accepted, the algorithm FAPI-BR allows for messages.
 */
export function verifyCompactJws(jws: DecodedJws, keys: readonly PublicJwk[]): { problem?: string } {
  if (jws.header.alg !== 'PS256') return { problem: `the header's alg is ${String(jws.header.alg)}, not PS256` };
  const kid = typeof jws.header.kid === 'string' ? jws.header.kid : undefined;
  const candidates = keys.filter((key) => key.kty === 'RSA' && key.use !== 'enc' && (kid === undefined || key.kid === kid));
  if (candidates.length === 0) return { problem: kid ? `no RSA key with kid ${kid} in the JWKS` : 'no RSA signing key in the JWKS' };
  for (const jwk of candidates) {
    try {
      const key = createPublicKey({ key: jwk as never, format: 'jwk' });
      if (verify('sha256', Buffer.from(jws.signingInput), { key, ...PSS }, jws.signature)) return {};
    } catch {
      // A JWK Node cannot read is not a key that verifies anything; the next one may.
    }
  }
  return { problem: 'the signature does not verify with the JWKS' };
}
