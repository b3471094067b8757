/**
 * The obvious cause of a wall of failures, in one line each, for the top of
 * every report and the terminal: every operation answering 404 (the target's
 * base path is probably not the one the spec serves under), or most answering
 * 401/403 (the credentials sent are not what the spec's securitySchemes want).
 * Credentials are named by kind, never by value.
 */
import type { LoadedSpec } from '../../specs/types.ts';
import type { Credentials } from '../plan/credentials.ts';

export interface SpecAnswers {
  spec: LoadedSpec;
  target: string;
  /** The status the valid request of each operation got (operations whose valid request got no answer are left out). */
  validStatuses: readonly number[];
}

export function diagnose(answers: SpecAnswers, credentials: Credentials): string[] {
  const { spec, target, validStatuses } = answers;
  const total = validStatuses.length;
  if (total === 0) return [];
  const count = (wanted: number[]) => validStatuses.filter((status) => wanted.includes(status)).length;
  const lines: string[] = [];
  if (count([404]) === total) {
    const expected = spec.basePath && spec.basePath !== '/' ? spec.basePath : '/ (the spec declares no base path)';
    lines.push(
      `${spec.id}: every operation answered 404 — the base path is probably wrong: the spec serves under ${expected}, the target is ${target}`,
    );
  }
  const denied = count([401, 403]);
  if (denied * 2 > total) {
    lines.push(
      `${spec.id}: ${denied} of ${total} operations tried answered 401/403 to the valid request — sent ${sentCredentials(spec, credentials)}; the spec wants ${wantedCredentials(spec)}`,
    );
  }
  return lines;
}

/** What the valid request of a secured operation carried, by kind. */
function sentCredentials(spec: LoadedSpec, credentials: Credentials): string {
  const secured = spec.operations.find((op) => op.security.length > 0) ?? spec.operations[0];
  const kinds: string[] = [];
  if (secured) {
    const applied = credentials.apply(secured, 'token');
    for (const [name, value] of Object.entries(applied.headers)) {
      if (name === 'authorization')
        kinds.push(/^Basic /.test(value) ? 'HTTP basic credentials (Authorization: Basic)' : 'a bearer token (Authorization: Bearer)');
      else kinds.push(`an API key in the ${name} header`);
    }
    for (const name of Object.keys(applied.query)) kinds.push(`an API key in the ${name} query parameter`);
  }
  for (const name of Object.keys(credentials.extraHeaders)) if (credentials.isCredentialHeader(name)) kinds.push(`a --header ${name}`);
  return kinds.length > 0 ? kinds.join(' and ') : 'no credentials (no --token was given)';
}

/** The security schemes the operations name, in words. */
function wantedCredentials(spec: LoadedSpec): string {
  const names = [...new Set(spec.operations.flatMap((op) => op.security))];
  if (names.length === 0) return 'no credentials (its operations declare no security)';
  return names
    .map((name) => {
      const scheme = spec.securitySchemes[name];
      if (!scheme) return name;
      if (scheme.type === 'http') return `HTTP ${scheme.scheme ?? ''} (${name})`.replace('  ', ' ');
      if (scheme.type === 'apiKey') return `an API key in the ${scheme.name ?? '?'} ${scheme.in ?? 'header'} (${name})`;
      if (scheme.type === 'oauth2') return `an OAuth 2.0 bearer token (${name})`;
      if (scheme.type === 'openIdConnect') return `an OpenID Connect token (${name})`;
      if (scheme.type === 'mutualTLS') return `a client certificate, --cert/--key (${name})`;
      return `${scheme.type} (${name})`;
    })
    .join(' or ');
}
