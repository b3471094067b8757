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
  apply(
    operation: Operation,
    which: 'token' | 'limited' | 'wrong-secret',
  ): { headers: Record<string, string>; query: Record<string, string> };
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

  const usesBasic = (operation: Operation) => usesBasicAuth(spec, operation);

  function apply(
    operation: Operation,
    which: 'token' | 'limited' | 'wrong-secret',
  ): { headers: Record<string, string>; query: Record<string, string> } {
    const token = which === 'limited' ? options.tokenWithoutPermissions : tokenOf(options.token);
    if (token === undefined || token === '') return { headers: {}, query: {} };
    if (which === 'wrong-secret') {
      // Only a user's secret can be wrong while the user is right; other schemes get nothing to send.
      const wrong = usesBasic(operation) ? wrongSecret(token) : undefined;
      return wrong === undefined ? { headers: {}, query: {} } : { headers: { authorization: `Basic ${wrong}` }, query: {} };
    }
    const scheme = schemeOf(spec, operation);
    if (usesBasic(operation)) return { headers: { authorization: `Basic ${basicCredentials(token)}` }, query: {} };
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

function schemeOf(spec: LoadedSpec, operation: Operation) {
  return operation.security.map((name) => spec.securitySchemes[name]).find(Boolean);
}

/** Whether the operation's credentials are HTTP basic: a user and the user's secret. */
export function usesBasicAuth(spec: LoadedSpec, operation: Operation): boolean {
  const scheme = schemeOf(spec, operation);
  return scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'basic';
}

function tokenOf(token: CredentialOptions['token']): string | undefined {
  return typeof token === 'function' ? token() : token;
}

/** `user:password` → base64; anything else is taken as already encoded. */
function basicCredentials(token: string): string {
  return token.includes(':') ? Buffer.from(token, 'utf8').toString('base64') : token;
}

/**
 * The token's user with a password of the same length made of other characters, base64-encoded: wrong however the
 * server compares (whole, by prefix, in constant time). Undefined when the token holds no `user:password`.
 */
function wrongSecret(token: string): string | undefined {
  const pair = token.includes(':') ? token : Buffer.from(token, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  if (colon <= 0 || colon === pair.length - 1) return undefined;
  const password = pair.slice(colon + 1);
  const wrong = [...password].map((c) => (c === 'x' ? 'y' : 'x')).join('');
  return Buffer.from(`${pair.slice(0, colon)}:${wrong}`, 'utf8').toString('base64');
}
