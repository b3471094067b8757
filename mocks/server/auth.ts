/**
 * Credentials as the mock understands them, and the token convention that lets
 * a receiver test its 403 handling without an authorisation server:
 *
 *   Authorization: Bearer aferir:ACCOUNTS_READ,RESOURCES_READ
 *
 * holds exactly the permissions listed after `aferir:` (comma-separated; none
 * after the colon = no permission at all). Any other bearer token holds every
 * permission. Basic credentials (Belvo) are accepted when they carry a user
 * name and a password, whatever they are — unless `--basic-auth id:password`
 * names the pairs to accept, when any other pair is refused (401) as a real
 * sandbox refuses a wrong secret. The user name `aferir` follows the token
 * convention with the password as the list (`aferir:` = none), with or without
 * `--basic-auth`. APIs
 * without a permission table refuse (403) only credentials that hold no
 * permission at all. The token itself is never logged.
 */
const TOKEN_PREFIX = 'aferir:';

export type Credentials =
  | { kind: 'missing' }
  /** Present but not a usable Bearer/Basic value. */
  | { kind: 'malformed'; scheme: string }
  /** `permissions` undefined = every permission. */
  | { kind: 'bearer'; permissions?: ReadonlySet<string> }
  /** `permissions` undefined = every permission. */
  | {
      kind: 'basic';
      user: string;
      permissions?: ReadonlySet<string>;
      /** `user:password` as sent, to compare with `--basic-auth`; never logged. */ pair: string;
    };

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
    return rest.startsWith(TOKEN_PREFIX) ? { kind: 'bearer', permissions: listed(rest.slice(TOKEN_PREFIX.length)) } : { kind: 'bearer' };
  }
  if (scheme === 'basic' && rest !== '') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    if (`${user}:` === TOKEN_PREFIX) return { kind: 'basic', user, permissions: listed(decoded.slice(colon + 1)), pair: decoded };
    if (colon > 0 && colon < decoded.length - 1) return { kind: 'basic', user, pair: decoded };
  }
  return { kind: 'malformed', scheme };
}

function listed(text: string): ReadonlySet<string> {
  return new Set(
    text
      .split(',')
      .map((p) => p.trim().toUpperCase())
      .filter(Boolean),
  );
}

/** The permissions of `needed` that the credentials lack (empty = allowed). */
export function missingPermissions(credentials: Credentials, needed: readonly string[]): string[] {
  if ((credentials.kind !== 'bearer' && credentials.kind !== 'basic') || credentials.permissions === undefined) return [];
  const held = credentials.permissions;
  return needed.filter((permission) => !held.has(permission));
}

/** Credentials of the convention that hold no permission at all (refused by APIs that have no permission table). */
export function holdsNothing(credentials: Credentials): boolean {
  return (credentials.kind === 'bearer' || credentials.kind === 'basic') && credentials.permissions?.size === 0;
}

/**
 * Whether basic credentials are refused for their secret: `accepted` (from `--basic-auth`) names the pairs, and
 * these are none of them nor the `aferir:` convention. Without `accepted` every pair passes.
 */
export function wrongBasicPair(credentials: Credentials, accepted: ReadonlySet<string> | undefined): boolean {
  if (credentials.kind !== 'basic' || accepted === undefined) return false;
  return credentials.permissions === undefined && !accepted.has(credentials.pair);
}
