/**
 * A request as the `curl` command that sends it again: what a developer
 * pastes into a terminal to reproduce a failure. Secrets never appear in it:
 * the tokens become `$AFERIR_TOKEN` / `$AFERIR_TOKEN_WITHOUT_PERMISSIONS`
 * (the variables `aferir run` itself reads), other credential headers
 * `$AFERIR_HEADER_<NAME>`, and mutual TLS files `$AFERIR_CERT`, `$AFERIR_KEY`,
 * `$AFERIR_CA` — placeholders the shell fills in from the user's environment.
 */
import type { OutgoingRequest } from './exchange.ts';

export interface CurlOptions {
  /** `--token`; where it is sent, `$AFERIR_TOKEN` is written. Default: none. */
  token?: string;
  /** `--token-without-permissions`; written as `$AFERIR_TOKEN_WITHOUT_PERMISSIONS`. Default: none. */
  tokenWithoutPermissions?: string;
  /** Header names whose values are credentials (lower-case compare). Default: Authorization, Cookie, Proxy-Authorization. */
  isCredentialHeader?: (name: string) => boolean;
  /** Which mutual-TLS flags the run used. Default: none. */
  tls?: { cert?: boolean; key?: boolean; ca?: boolean; insecure?: boolean };
  /** `--resolve host:port:address` entries of the run, passed on as curl's own flag. Default: none. */
  resolve?: readonly string[];
}

/** A piece of a shell word: literal text (quoted) or a variable the shell expands. */
type Piece = string | { variable: string };

const DEFAULT_CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function createCurlWriter(options: CurlOptions): (request: OutgoingRequest) => string {
  const secrets: Array<{ forms: string[]; variable: string }> = [];
  const addSecret = (value: string | undefined, variable: string) => {
    if (!value) return;
    secrets.push({ forms: [...new Set([value, encodeURIComponent(value)])], variable });
  };
  addSecret(options.token, 'AFERIR_TOKEN');
  addSecret(options.tokenWithoutPermissions, 'AFERIR_TOKEN_WITHOUT_PERMISSIONS');
  const isCredential = (name: string) =>
    DEFAULT_CREDENTIAL_HEADERS.has(name.toLowerCase()) || (options.isCredentialHeader?.(name) ?? false);

  /** Splits text at every form of a known secret, each replaced by its variable. */
  const withPlaceholders = (text: string): Piece[] => {
    let pieces: Piece[] = [text];
    for (const secret of secrets) {
      for (const form of secret.forms) {
        pieces = pieces.flatMap((piece) =>
          typeof piece !== 'string'
            ? [piece]
            : piece.split(form).flatMap((part, i) => (i === 0 ? [part] : [{ variable: secret.variable }, part])),
        );
      }
    }
    return pieces.filter((piece) => piece !== '');
  };

  return (request) => {
    const words: string[] = ['curl', '-i'];
    if (request.method !== 'GET' || request.body !== undefined) words.push('-X', request.method);
    words.push(quote(withPlaceholders(request.url)));
    for (const [name, value] of Object.entries(request.headers)) {
      if (!isCredential(name)) {
        words.push('-H', quote([`${name}: ${value}`]));
        continue;
      }
      const basic = basicUser(value, secrets);
      if (basic) {
        words.push('-u', quote([{ variable: basic }]));
        continue;
      }
      const pieces = withPlaceholders(value);
      // A credential that is none of the run's tokens (a --header): its own variable, never its value.
      const known = pieces.some((piece) => typeof piece !== 'string');
      const shown: Piece[] = known ? pieces : [{ variable: `AFERIR_HEADER_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}` }];
      words.push('-H', quote([`${name}: `, ...shown]));
    }
    // A signed body is replayed as the JWS that was sent (its payload alone would be refused as JSON).
    if (request.body !== undefined) words.push('--data-raw', quote(withPlaceholders(request.signedBody ?? JSON.stringify(request.body))));
    const tls = options.tls ?? {};
    if (tls.cert) words.push('--cert', quote([{ variable: 'AFERIR_CERT' }]));
    if (tls.key) words.push('--key', quote([{ variable: 'AFERIR_KEY' }]));
    if (tls.ca) words.push('--cacert', quote([{ variable: 'AFERIR_CA' }]));
    if (tls.insecure) words.push('--insecure');
    for (const entry of options.resolve ?? []) words.push('--resolve', quote([entry]));
    return words.join(' ');
  };
}

/** `Basic base64(user:password)` of a token given as `user:password`: curl's own `-u "$AFERIR_TOKEN"` says it best. */
function basicUser(value: string, secrets: ReadonlyArray<{ forms: string[]; variable: string }>): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (!match) return undefined;
  for (const secret of secrets) {
    const plain = secret.forms[0];
    if (plain?.includes(':') && Buffer.from(plain, 'utf8').toString('base64') === match[1]) return secret.variable;
  }
  return undefined;
}

/** One shell word in double quotes: literal text escaped, variables left for the shell to expand. */
function quote(pieces: readonly Piece[]): string {
  const body = pieces
    .map((piece) => (typeof piece === 'string' ? piece.replace(/[\\"$`]/g, (c) => `\\${c}`) : `\${${piece.variable}}`))
    .join('');
  return `"${body}"`;
}
