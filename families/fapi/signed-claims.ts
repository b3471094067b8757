/**
 * The claims a transmitter of the payments family validates in a signed request body (`application/jwt`), once its
 * signature verified: `aud` names this server, `iss` is present, `iat` is recent, `jti` is present. A body that breaks
 * one is refused with 403 INVALID_CLIENT. Whether a `jti` was already used is the caller's to ask (used-jtis.ts):
 * this stays a pure function of the payload and the mock's clock.
 */

/** How far `iat` may be from the receiver's clock, either way (the Open Finance rules for signed messages). */
const IAT_TOLERANCE_SECONDS = 300;

export interface ClaimRules {
  /** What `aud` may name: each base itself or a URL under it (this server's origin, its issuer). */
  audiences: readonly string[];
  /** The mock's clock, in milliseconds since 1970. */
  nowMs: number;
  /** Whether that clock is pinned by `--now` (said in the message: a real clock would judge `iat` otherwise). */
  pinned: boolean;
}

/** Why the claims are not accepted, or undefined when they are. */
export function claimsProblem(payload: unknown, rules: ClaimRules): string | undefined {
  const claims = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  return audProblem(claims.aud, rules.audiences) ?? issProblem(claims.iss) ?? iatProblem(claims.iat, rules) ?? jtiProblem(claims.jti);
}

function audProblem(aud: unknown, audiences: readonly string[]): string | undefined {
  const named = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined;
  if (!named || named.length === 0 || named.some((value) => typeof value !== 'string'))
    return 'aud must be a string or an array of strings naming this server';
  const bases = [...new Set(audiences.map((base) => base.replace(/\/+$/, '')))];
  if ((named as string[]).some((value) => bases.some((base) => value === base || value.startsWith(`${base}/`)))) return undefined;
  return `aud ${JSON.stringify(aud).slice(0, 200)} names none of ${bases.join(', ')} (nor a URL under them)`;
}

/** Only presence: the mock cannot know the organisation id a real client signs as, so any non-empty `iss` passes. */
function issProblem(iss: unknown): string | undefined {
  return typeof iss === 'string' && iss !== '' ? undefined : 'iss must be a non-empty string (the client organisation)';
}

function iatProblem(iat: unknown, rules: ClaimRules): string | undefined {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'iat must be a number of seconds since 1970 (a NumericDate)';
  const skew = Math.round(iat - rules.nowMs / 1000);
  if (Math.abs(skew) <= IAT_TOLERANCE_SECONDS) return undefined;
  const clock = `${new Date(rules.nowMs).toISOString().replace(/\.\d+Z$/, 'Z')}${rules.pinned ? ', pinned by --now' : ''}`;
  const direction = skew < 0 ? 'before' : 'after';
  return `iat ${iat} is ${Math.abs(skew)} s ${direction} the mock's clock (${clock}); at most ${IAT_TOLERANCE_SECONDS} s either way is accepted`;
}

function jtiProblem(jti: unknown): string | undefined {
  return typeof jti === 'string' && jti !== '' ? undefined : 'jti must be a non-empty string (a unique id of this message)';
}
