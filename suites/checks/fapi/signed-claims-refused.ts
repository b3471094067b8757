/**
 * `signed-claims-refused`: a signed request body (`application/jwt`, the payments family) whose signature verifies
 * but whose claims are not valid is refused with 403 (INVALID_CLIENT in the payments specs): an `aud` naming another
 * server, an `iat` an hour old, a `jti` the same client sent a moment before. Only a run the target can verify
 * (`--auth` signs with the client's registered key) can ask it: any other body is refused for its signature first.
 */
import { randomUUID } from 'node:crypto';
import { signsBody } from '../../../specs/lookup.ts';
import { planOf } from '../../engine/operation-context.ts';
import type { Exchange, SignedClaims } from '../../http/exchange.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenDocuments } from '../guards.ts';
import { expectStatus, isSuccess } from '../helpers.ts';
import type { CheckFinding, OperationContext, ProbeCheck } from '../types.ts';
import { skip } from '../types.ts';

/** A host no server answers for (`.invalid` is reserved): an `aud` that cannot name the target. */
const ANOTHER_SERVER = 'https://another-transmitter.invalid';
const HOUR_SECONDS = 3600;

export const signedClaimsRefused: ProbeCheck = {
  kind: 'probe',
  id: 'signed-claims-refused',
  description: 'A signed (application/jwt) request body with an aud of another server, an iat an hour old or a reused jti answers 403.',
  severity: 'error',
  guards: [
    (ctx) => signsBody(ctx.operation),
    (ctx) =>
      ctx.settings.verifiableSignatures === true ||
      "the target cannot verify this run's signed bodies (no --auth gave the client's key): it would refuse them for the signature, not the claims",
    whenDocuments('403'),
  ],
  async run(ctx) {
    const plan = planOf(ctx);
    if (plan.body === undefined) return skip('the valid request has no body to sign');
    const send = (key: string, label: string, claims: SignedClaims) => ctx.probe(`signed-claims:${key}`, label, vary(plan, { claims }));
    const jti = randomUUID();
    const [foreignAud, staleIat, firstUse] = await Promise.all([
      send('aud', `the signed body with aud ${ANOTHER_SERVER}`, { aud: ANOTHER_SERVER }),
      send('iat', 'the signed body with an iat an hour old', { iat: Math.floor(ctx.settings.now.getTime() / 1000) - HOUR_SECONDS }),
      send('jti-first', `the signed body with jti ${jti}`, { jti }),
    ]);
    // The second use is judged only after the first was accepted: a refused first says nothing about replays.
    const reuse = isSuccess(firstUse) ? await send('jti-again', `the signed body with jti ${jti} again`, { jti }) : undefined;
    const findings: CheckFinding[] = [
      ...expectStatus(foreignAud, 403, `the signed body with aud of another server (${ANOTHER_SERVER})`),
      ...expectStatus(staleIat, 403, 'the signed body with an iat an hour old'),
      ...(reuse ? expectStatus(reuse, 403, `the signed body with the jti of the request just sent (${jti})`) : []),
    ];
    return {
      findings,
      evidence: findings[0]?.on ?? foreignAud,
      message: passedMessage(ctx, firstUse, reuse),
    };
  },
};

function passedMessage(ctx: OperationContext, firstUse: Exchange, reuse: Exchange | undefined): string {
  const refused = `a signed body with aud of another server${reuse ? ', with an iat an hour old and with a reused jti' : ' and with an iat an hour old'} answered 403`;
  if (reuse) return refused;
  const answered = firstUse.response ? `answered ${firstUse.response.status}` : 'got no response';
  return `${refused}; a reused jti was not judged: the first request with it (the valid request of ${ctx.operation.id}) ${answered}`;
}
