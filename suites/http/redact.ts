/**
 * Evidence without secrets. Credentials are removed where the engine puts
 * them (Authorization, cookies, API-key headers, client keys) and every known
 * secret string is scrubbed from whatever else is stored — URLs, bodies, and
 * the target's answers, which may echo a token back.
 */
import type { RequestEvidence, ResponseEvidence } from '../result-model.ts';
import type { Exchange } from './exchange.ts';

export const REDACTED = '[redacted]';

/** How much of a body a result keeps as evidence; the rest is dropped (the size stays in `bodyBytes`). */
export const DEFAULT_EVIDENCE_BYTES = 64 * 1024;

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const CREDENTIAL_HEADER_PATTERN = /api[-_]?key|secret|passw|token|client[-_]?cert|ssl[-_]?client|session/i;

export interface Redactor {
  /** Every string the run must never write (tokens, header values, encoded forms), longest first. */
  readonly secrets: readonly string[];
  text(value: string): string;
  deep<T>(value: T): T;
  requestEvidence(exchange: Exchange): RequestEvidence;
  responseEvidence(exchange: Exchange): ResponseEvidence | undefined;
}

/**
 * @param secrets strings to scrub everywhere (shorter than 4 characters are ignored: no real token is that short)
 * @param extraHeaderNames header names that carry credentials for this spec (e.g. an apiKey scheme's header)
 */
export function createRedactor(secrets: readonly string[], extraHeaderNames: readonly string[] = [], evidenceBytes = DEFAULT_EVIDENCE_BYTES): Redactor {
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  const extra = new Set(extraHeaderNames.map((name) => name.toLowerCase()));
  const isCredential = (name: string) => CREDENTIAL_HEADERS.has(name) || extra.has(name) || CREDENTIAL_HEADER_PATTERN.test(name);

  const text = (value: string): string => {
    let out = value;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const deep = <T>(value: T): T => scrubDeep(value, text) as T;
  const headers = (source: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(source).map(([name, value]) => [name, isCredential(name.toLowerCase()) ? REDACTED : text(value)]));
  const capped = (body: string): string => (Buffer.byteLength(body) <= evidenceBytes ? body : `${Buffer.from(body).subarray(0, evidenceBytes).toString('utf8')}…`);

  return {
    secrets: list,
    text,
    deep,
    requestEvidence(exchange) {
      const { request } = exchange;
      return {
        method: request.method,
        url: text(request.url),
        headers: headers(request.headers),
        ...(request.body === undefined ? {} : { body: capped(text(JSON.stringify(request.body))) }),
      };
    },
    responseEvidence(exchange) {
      const { response } = exchange;
      if (!response) return undefined;
      const keptBytes = Buffer.byteLength(response.text);
      return {
        status: response.status,
        headers: headers(response.headers),
        body: capped(text(response.text)),
        bodyBytes: response.bytes,
        bodyTruncated: response.truncated || keptBytes > evidenceBytes,
        durationMs: response.durationMs,
      };
    },
  };
}

function scrubDeep(value: unknown, text: (value: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, text));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), scrubDeep(inner, text)]));
  }
  return value;
}
