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
