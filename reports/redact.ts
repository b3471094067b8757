/**
 * Defence in depth for secrets. The engine already redacts what it records,
 * but every report writer passes the run through `redactEvidence` again, so a
 * credential that slipped into a header, a body, a URL or a finding still
 * never reaches a file a reviewer or a CI artefact store keeps.
 */
import type { RunResults } from '../suites/result-model.ts';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are ignored: scrubbing "a" would wreck the report, and no real token is that short. */
export const MIN_SECRET_LENGTH = 4;

export interface RedactOptions {
  /** Known secret strings (tokens, passwords) to replace wherever they occur. Default: none. */
  secrets?: readonly string[];
}

const SENSITIVE_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Header names that carry credentials or client-certificate material by convention. */
const SENSITIVE_HEADER_PATTERN = /api[-_]?key|auth[-_]?token|access[-_]?token|id[-_]?token|secret|passw|client[-_]?cert|ssl[-_]?client|mtls|session/i;

export function isSensitiveHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return SENSITIVE_HEADER_NAMES.has(lower) || SENSITIVE_HEADER_PATTERN.test(lower);
}

/** PEM blocks: private keys and certificates must not leave the machine inside a report. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
/** Credentials embedded in text, e.g. an error body that echoes the request's Authorization header. */
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic|Digest)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const SECRET_QUERY_PARAM = /([?&](?:access_token|id_token|refresh_token|client_secret|api_key|apikey|token)=)[^&#\s"']+/gi;

/** Replaces every known secret, PEM block and embedded credential in one string. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  return scrubSecrets(text, secrets)
    .replace(PEM_BLOCK, (_match, label: string) => `[redacted ${label.toLowerCase()}]`)
    .replace(AUTH_SCHEME_VALUE, `$1$2${REDACTED}`)
    .replace(SECRET_QUERY_PARAM, `$1${REDACTED}`);
}

/** Replaces only the known secret strings; safe on a finished file (it leaves our own markup and code alone). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of usableSecrets(secrets)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** The secrets worth scrubbing, longest first so a secret containing another is removed whole. */
export function usableSecrets(secrets: readonly string[]): string[] {
  return [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * A copy of the run with sensitive header values replaced by `[redacted]` and
 * every string (messages, URLs, bodies, findings, header names) scrubbed.
 * The input is not modified.
 */
export function redactEvidence(run: RunResults, options: RedactOptions = {}): RunResults {
  const secrets = usableSecrets(options.secrets ?? []);
  return redactValue(run, secrets, false) as RunResults;
}

function redactValue(value: unknown, secrets: string[], isHeaderMap: boolean): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, false));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const redacted = isHeaderMap && isSensitiveHeader(key) ? REDACTED : redactValue(item, secrets, key === 'headers');
    // defineProperty, not assignment: a target-supplied `__proto__` key must stay data.
    Object.defineProperty(out, scrubText(key, secrets), { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
