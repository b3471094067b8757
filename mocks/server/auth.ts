/**
 * Credentials as the mock understands them, and the token convention that lets
 * a receiver test its 403 handling without an authorisation server:
 *
 *   Authorization: Bearer aferir:ACCOUNTS_READ,RESOURCES_READ
 *
 * holds exactly the permissions listed after `aferir:` (comma-separated; none
 * after the colon = no permission at all). Any other bearer token holds every
 * permission. Basic credentials (Belvo) are accepted when they carry a user
 * name and a password, whatever they are. The token itself is never logged.
 */
export const TOKEN_PREFIX = 'aferir:';

export type Credentials =
  | { kind: 'missing' }
  /** Present but not a usable Bearer/Basic value. */
  | { kind: 'malformed'; scheme: string }
  /** `permissions` undefined = every permission. */
  | { kind: 'bearer'; permissions?: ReadonlySet<string> }
  | { kind: 'basic'; user: string };

const parsedTokens = new Map<string, Credentials>();
const MAX_REMEMBERED = 1000;

export function readCredentials(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  let parsed = parsedTokens.get(header);
  if (parsed) return parsed;
  parsed = parse(header.trim());
  // Receivers reuse a handful of tokens; remembering them keeps parsing off the hot path without growing forever.
  if (parsedTokens.size >= MAX_REMEMBERED) parsedTokens.clear();
  parsedTokens.set(header, parsed);
  return parsed;
}

function parse(value: string): Credentials {
  const space = value.indexOf(' ');
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : value.slice(space + 1).trim();
  if (scheme === 'bearer' && rest !== '') {
    if (!rest.startsWith(TOKEN_PREFIX)) return { kind: 'bearer' };
    const listed = rest.slice(TOKEN_PREFIX.length).split(',').map((p) => p.trim().toUpperCase()).filter(Boolean);
    return { kind: 'bearer', permissions: new Set(listed) };
  }
  if (scheme === 'basic' && rest !== '') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0 && colon < decoded.length - 1) return { kind: 'basic', user: decoded.slice(0, colon) };
  }
  return { kind: 'malformed', scheme };
}

/** The permissions of `needed` that the credentials lack (empty = allowed). */
export function missingPermissions(credentials: Credentials, needed: readonly string[]): string[] {
  if (credentials.kind !== 'bearer' || credentials.permissions === undefined) return [];
  const held = credentials.permissions;
  return needed.filter((permission) => !held.has(permission));
}
