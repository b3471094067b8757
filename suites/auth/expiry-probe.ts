/**
 * `consent-expired-token-refused`: a consent that lasts five minutes is
 * authorised and its token read a data API; then the institution's consents
 * clock is moved past expirationDateTime and the same token must get 401.
 * Only an institution whose clock the run controls can do this on demand
 * (aferir's own mock, in-process, as in `aferir demo`); against any other the
 * check is skipped saying so. The clock is put back afterwards.
 */
import * as client from 'openid-client';
import { AuthStepError } from './auth-errors.ts';
import { authorizeConsent, createConsent, sendOf, type FlowContext } from './consent-flow.ts';
import { callApi, consentIdOf } from './consents-api.ts';
import type { DataProbe } from './data-probes.ts';
import { statusFinding, type FlowOutcome } from './flow-results.ts';

/** The institution's consents clock, when the run controls it. */
export interface InstitutionClock {
  /** Moves the clock by `ms` (negative: back). */
  advance(ms: number): void;
}

const LIFETIME_MS = 5 * 60_000;
/** Past the expiry by more than its rounding to seconds and the time the calls take. */
const JUMP_MS = LIFETIME_MS + 60_000;

export async function probeExpiry(
  flow: FlowContext,
  clock: InstitutionClock | undefined,
  appToken: string,
  inside: DataProbe | undefined,
): Promise<FlowOutcome> {
  if (!clock)
    return {
      status: 'skipped',
      message:
        "the institution's clock cannot be moved, so no consent expires on demand (aferir demo runs this check against its own mock)",
    };
  if (!inside) return { status: 'skipped', message: "no data operation of the run needs only the consent's permissions and a token" };
  const send = sendOf(flow.fapi);
  let token: string;
  try {
    const consent = { ...flow.options.consent, expiresInDays: LIFETIME_MS / 86_400_000 };
    const consentId = consentIdOf(await createConsent(flow, appToken, consent))!;
    token = (await authorizeConsent(flow, consentId)).access_token;
  } catch (error) {
    const why = error instanceof AuthStepError ? error.message : String(error);
    return { status: 'skipped', message: `a consent lasting five minutes could not be granted: ${why}` };
  }
  try {
    const before = await callApi(send, 'GET', inside.url, token);
    if (before.status !== 200)
      return {
        status: 'skipped',
        message: `the consent's token was not accepted before expiry either (${before.status})`,
        evidence: before,
      };
    clock.advance(JUMP_MS);
    try {
      const after = await callApi(send, 'GET', inside.url, token);
      return { findings: statusFinding(after, 401, 'for the token of a consent past its expirationDateTime'), evidence: after };
    } finally {
      clock.advance(-JUMP_MS);
    }
  } finally {
    await client.tokenRevocation(flow.fapi.config, token).catch(() => undefined);
  }
}
