/**
 * Credentials recognised by their shape rather than their value: text can
 * hold a key or a token the run was never told about (a PEM block in an
 * error page, an `Authorization` header quoted back, a token in a callback
 * URL).
 */
import { REDACTED } from './redacted.ts';

/** PEM blocks: private keys and certificates must not leave the machine inside a report. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
/** An authorization scheme followed by its credentials, e.g. an error body that echoes the request's header. */
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic|Digest)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const SECRET_QUERY_PARAM = /([?&](?:access_token|id_token|refresh_token|client_secret|api_key|apikey|token)=)[^&#\s"']+/gi;

/** `text` with PEM blocks, `Bearer …`/`Basic …` credentials and secret query parameters replaced. */
export function scrubEmbeddedCredentials(text: string): string {
  return text
    .replace(PEM_BLOCK, (_match, label: string) => `[redacted ${label.toLowerCase()}]`)
    .replace(AUTH_SCHEME_VALUE, `$1$2${REDACTED}`)
    .replace(SECRET_QUERY_PARAM, `$1${REDACTED}`);
}
