/**
 * One request the engine sent and what came back: the raw material every
 * check reads. The request keeps its credentials only in memory; evidence
 * for reports is made from it by redact.ts.
 */
import { decodeCompactJws, type DecodedJws } from '../../specs/jws.ts';
import { isSignedContentType } from '../../specs/lookup.ts';
import type { Operation } from '../../specs/types.ts';
import type { NetworkFailure } from './network-failure.ts';

export interface OutgoingRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Header names in lower case; credentials included (never stored in a result as is). */
  headers: Record<string, string>;
  /** JSON body, serialised when sent (the payload, when `signedBody` is sent instead). */
  body?: unknown;
  /** The compact JWS sent as `application/jwt` in place of `body`, whose payload it carries. Default: none. */
  signedBody?: string;
  /** Sign `body` with a broken signature (the invalid-request variant for signed bodies). Default: false. */
  brokenSignature?: true;
  /** Claims of the signed body that replace the ones the signer makes (signed-claims-refused). Default: none. */
  claims?: SignedClaims;
}

/** The claims of a signed request body a check may set: another server's `aud`, a stale `iat`, a `jti` sent before. */
export interface SignedClaims {
  aud?: string;
  /** Seconds since 1970. */
  iat?: number;
  jti?: string;
}

export interface ReceivedResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The body as UTF-8 text, at most the read limit. */
  text: string;
  /** Bytes received (or announced by Content-Length when reading stopped at the limit). */
  bytes: number;
  /** True when reading stopped at the limit; `text` is then incomplete. */
  truncated: boolean;
  durationMs: number;
}

/** The body read as JSON, once, when the response says it is JSON (or a JWS, whose payload is then the value). */
type ParsedBody =
  | { kind: 'json'; value: unknown; signed?: DecodedJws }
  | { kind: 'invalid-jws'; error: string }
  | { kind: 'empty' }
  | { kind: 'not-json'; contentType: string }
  | { kind: 'invalid-json'; error: string }
  | { kind: 'truncated'; limit: number };

export interface Exchange {
  /** Stable within an operation, e.g. `valid`, `walk:2`, `no-auth`. */
  key: string;
  /** What this request was for, as a reader sees it: `the valid request`, `page 2 of the walk`. */
  label: string;
  operation: Operation;
  request: OutgoingRequest;
  response?: ReceivedResponse;
  /** Set when no complete response arrived. */
  failure?: NetworkFailure;
  /** The response body as JSON; computed on first use. */
  readonly body: ParsedBody;
}

const JSON_MEDIA = /^application\/([\w.+-]+\+)?json$|^application\/json-patch\+json$/i;

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [mediaType = ''] = contentType.split(';'); // split always returns at least one part
  return JSON_MEDIA.test(mediaType.trim());
}

export function createExchange(fields: Omit<Exchange, 'body'>, readLimit: number): Exchange {
  let parsed: ParsedBody | undefined;
  return {
    ...fields,
    get body(): ParsedBody {
      parsed ??= parseBody(fields.response, readLimit);
      return parsed;
    },
  };
}

function parseBody(response: ReceivedResponse | undefined, readLimit: number): ParsedBody {
  if (!response || response.text.trim() === '') return response?.truncated ? { kind: 'truncated', limit: readLimit } : { kind: 'empty' };
  const contentType = response.headers['content-type'] ?? '';
  if (isSignedContentType(contentType) && !response.truncated) {
    // Decoded without trusting it: the schema checks read the payload, jws-signature judges the signature.
    const decoded = decodeCompactJws(response.text);
    return 'problem' in decoded
      ? { kind: 'invalid-jws', error: decoded.problem }
      : { kind: 'json', value: decoded.payload, signed: decoded };
  }
  if (!isJsonContentType(contentType)) return { kind: 'not-json', contentType };
  if (response.truncated) return { kind: 'truncated', limit: readLimit };
  try {
    return { kind: 'json', value: JSON.parse(response.text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { kind: 'invalid-json', error: (error as Error).message };
  }
}

/** `GET /accounts?page=2 → 200`, the short form findings use to say which exchange they are about. */
export function describeExchange(exchange: Exchange): string {
  const url = new URL(exchange.request.url);
  const outcome = exchange.response ? String(exchange.response.status) : `no response (${exchange.failure?.kind ?? 'failed'})`;
  return `${exchange.request.method} ${url.pathname}${url.search} → ${outcome}`;
}
