/**
 * `authorization-server-metadata`: what FAPI 1.0 Advanced and the Open
 * Finance Brasil security profile require the discovery document to declare.
 */
import type { ServerMetadata } from 'openid-client';
import type { Finding } from '../result-model.ts';

const CLIENT_AUTH = new Set(['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']);
const ALG_LISTS = [
  'token_endpoint_auth_signing_alg_values_supported',
  'request_object_signing_alg_values_supported',
  'id_token_signing_alg_values_supported',
] as const;

export function checkMetadata(metadata: ServerMetadata): Finding[] {
  const findings: Finding[] = [];
  const flag = (path: string, message: string, expected: unknown, actual: unknown) =>
    findings.push({ message, path: `$.${path}`, expected, actual });
  if (metadata.require_pushed_authorization_requests !== true)
    flag('require_pushed_authorization_requests', 'PAR is not required', true, metadata.require_pushed_authorization_requests);
  if (typeof metadata.pushed_authorization_request_endpoint !== 'string')
    flag('pushed_authorization_request_endpoint', 'no PAR endpoint is declared', 'a URL', metadata.pushed_authorization_request_endpoint);
  const pkce = metadata.code_challenge_methods_supported;
  if (!Array.isArray(pkce) || !pkce.includes('S256') || pkce.includes('plain'))
    flag('code_challenge_methods_supported', 'PKCE must be S256 (and never plain)', ['S256'], pkce);
  for (const list of ALG_LISTS) {
    const algs = metadata[list];
    if (!Array.isArray(algs) || !algs.includes('PS256') || algs.some((alg) => alg === 'none' || /^HS/.test(String(alg))))
      flag(list, `${list} must offer PS256 and no none or HMAC algorithm`, ['PS256'], algs);
  }
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (!Array.isArray(methods) || methods.length === 0 || methods.some((method) => !CLIENT_AUTH.has(String(method))))
    flag(
      'token_endpoint_auth_methods_supported',
      'client authentication must be private_key_jwt or tls_client_auth only',
      [...CLIENT_AUTH],
      methods,
    );
  return findings;
}
