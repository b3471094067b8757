/**
 * The claims of a signed request body, judged once its signature verified (mock-writes.ts `signedBodyProblem`):
 * the same callers are judged (a registered client holding a token of the mock's authorization server); a
 * convenience token names no client, so its bodies stay unjudged. The claim rules are signed-claims.ts; a `jti` is
 * accepted once per client, remembered per mock runtime (used-jtis.ts).
 */
import type { Caller } from '../../mocks/server/consent-access.ts';
import type { MountedOperation } from '../../mocks/server/mount.ts';
import type { MockRuntime } from '../../mocks/server/runtime.ts';
import { decodeCompactJws } from '../../specs/jws.ts';
import { claimsProblem } from './signed-claims.ts';
import { UsedJtis } from './used-jtis.ts';

/** One memory per mock: the fapi handler is shared by every mock of the process, the runtime is not. */
const usedByRuntime = new WeakMap<MockRuntime, UsedJtis>();

function usedJtisOf(runtime: MockRuntime): UsedJtis {
  let used = usedByRuntime.get(runtime);
  if (!used) {
    used = new UsedJtis();
    usedByRuntime.set(runtime, used);
  }
  return used;
}

/**
 * Why the claims of a signed body are refused (payments: 403 INVALID_CLIENT), when they are. `origin` is the one
 * the request came to; `aud` may name it, a URL on it, or the issuer the mock signs as.
 */
export function signedClaimsProblem(
  runtime: MockRuntime,
  mounted: MountedOperation,
  caller: Caller,
  raw: Buffer | undefined,
  origin: string,
): string | undefined {
  if (!mounted.body?.signed || caller.kind !== 'issued' || !runtime.consentAccess?.clientKeys || raw === undefined || raw.length === 0)
    return undefined;
  const decoded = decodeCompactJws(raw.toString('latin1'));
  if ('problem' in decoded) return decoded.problem;
  const nowMs = runtime.clock.nowMs();
  const audiences = runtime.signer ? [origin, runtime.signer.issuer] : [origin];
  const problem = claimsProblem(decoded.payload, { audiences, nowMs, pinned: runtime.clock.isPinned });
  if (problem) return problem;
  const { jti } = decoded.payload as { jti: string }; // claimsProblem checked it is a non-empty string
  if (!usedJtisOf(runtime).use(caller.clientId, jti, nowMs))
    return `jti ${JSON.stringify(jti.slice(0, 100))} was already used by client ${caller.clientId} (each signed message carries a new one)`;
  return undefined;
}
