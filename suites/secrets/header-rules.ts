/**
 * Which headers carry credentials, by name: their values are replaced
 * whole in any evidence or report, whatever they hold. One list for the
 * engine, the report writers and the CLI.
 */

const CREDENTIAL_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Names that carry credentials, tokens, sessions or client-certificate material by convention. */
const CREDENTIAL_HEADER_PATTERN = /api[-_]?key|token|secret|passw|client[-_]?cert|ssl[-_]?client|mtls|session/i;

/** True for a header whose value is a credential (`Authorization`, `X-Api-Key`, `X-Session-Id`, `Set-Cookie`…). */
export function isCredentialHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return CREDENTIAL_HEADER_NAMES.has(lower) || CREDENTIAL_HEADER_PATTERN.test(lower);
}

/**
 * Whether a header value the user supplies (`--header`) is a secret of the run: every value of a
 * credential header, and any other value that looks like a token — at least 16 characters of
 * letters and digits with no space, as API keys and session ids are. Media types, languages and
 * short flags stay readable in the reports; a random id under an unusual name is scrubbed, which
 * costs a little evidence and never leaks a key.
 */
export function isSecretHeaderValue(name: string, value: string): boolean {
  if (isCredentialHeaderName(name)) return true;
  const trimmed = value.trim();
  return trimmed.length >= 16 && !/\s/.test(trimmed) && /[A-Za-z]/.test(trimmed) && /[0-9]/.test(trimmed);
}
