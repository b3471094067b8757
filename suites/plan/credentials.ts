/**
 * How the run's credentials go on the wire for a spec: `--token` as a Bearer
 * token for OAuth2/OpenID/bearer schemes, as Basic credentials for HTTP basic
 * (`user:password` is base64-encoded for you), or in the header or query
 * parameter an apiKey scheme names. Also the list of secret strings the
 * scrubber removes (it finds their encoded forms itself: percent, JSON
 * escapes, base64 at every alignment, hex).
 */
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { isSecretHeaderValue } from '../secrets/header-rules.ts';

export interface CredentialOptions {
  /**
   * Token with every permission, or a function giving the current one (`--auth`: the consent-bound token,
   * refreshed mid-run; its values reach the scrubber through RunOptions.liveSecrets). Default: none
   * (secured operations are then expected to fail with 401).
   */
  token?: string | (() => string);
  /** Token lacking permissions; enables the 403 checks. Default: none. */
  tokenWithoutPermissions?: string;
  /** Extra headers sent with every request (`--header`). Default: none. */
  headers?: Record<string, string>;
}

export interface Credentials {
  /** `--header` values, lower-case names. */
  extraHeaders: Record<string, string>;
  apply(operation: Operation, which: 'token' | 'limited'): { headers: Record<string, string>; query: Record<string, string> };
  isCredentialHeader(name: string): boolean;
  /** Every secret string to keep out of the output: the tokens, the Basic credentials made of them, credential --header values. */
  secrets: string[];
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function createCredentials(spec: LoadedSpec, options: CredentialOptions): Credentials {
  const extraHeaders = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const apiKeyHeaders = Object.values(spec.securitySchemes)
    .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name)
    .map((scheme) => scheme.name!.toLowerCase());
  const isCredentialHeader = (name: string) => CREDENTIAL_HEADERS.has(name.toLowerCase()) || apiKeyHeaders.includes(name.toLowerCase());

  function apply(operation: Operation, which: 'token' | 'limited'): { headers: Record<string, string>; query: Record<string, string> } {
    const token = which === 'token' ? tokenOf(options.token) : options.tokenWithoutPermissions;
    if (token === undefined || token === '') return { headers: {}, query: {} };
    const scheme = operation.security.map((name) => spec.securitySchemes[name]).find(Boolean);
    if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'basic')
      return { headers: { authorization: `Basic ${basicCredentials(token)}` }, query: {} };
    if (scheme?.type === 'apiKey' && scheme.name) {
      if (scheme.in === 'query') return { headers: {}, query: { [scheme.name]: token } };
      if (scheme.in === 'header') return { headers: { [scheme.name.toLowerCase()]: token }, query: {} };
    }
    return { headers: { authorization: `Bearer ${token}` }, query: {} };
  }

  const secrets: string[] = [];
  for (const token of [typeof options.token === 'string' ? options.token : undefined, options.tokenWithoutPermissions]) {
    if (!token) continue;
    secrets.push(token, basicCredentials(token));
  }
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (isCredentialHeader(name) || isSecretHeaderValue(name, value)) secrets.push(value, value.replace(/^(Bearer|Basic)\s+/i, ''));
  }
  return { extraHeaders, apply, isCredentialHeader, secrets };
}

function tokenOf(token: CredentialOptions['token']): string | undefined {
  return typeof token === 'function' ? token() : token;
}

/** `user:password` → base64; anything else is taken as already encoded. */
function basicCredentials(token: string): string {
  return token.includes(':') ? Buffer.from(token, 'utf8').toString('base64') : token;
}
