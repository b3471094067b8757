/**
 * `auth-wrong-credentials`: HTTP basic credentials with the run's user and a
 * wrong password are refused with 401. auth-required proves credentials are
 * asked for; this proves they are checked — a server that takes any pair lets
 * anyone in who knows a user name. Only HTTP basic: a bearer token has no user
 * to keep while the secret is wrong, and which tokens a server accepts is not
 * something a run can know.
 */
import { planOf } from '../../engine/operation-context.ts';
import { usesBasicAuth } from '../../plan/credentials.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenDocuments, whenSecured } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import { skip, type ProbeCheck } from '../types.ts';

export const authWrongCredentials: ProbeCheck = {
  kind: 'probe',
  id: 'auth-wrong-credentials',
  description: "HTTP basic credentials with the run's user and a wrong password are refused with 401.",
  severity: 'error',
  guards: [
    whenSecured,
    (ctx) => usesBasicAuth(ctx.spec, ctx.operation),
    whenDocuments('401'),
    (ctx) => ctx.settings.hasToken || 'no --token was given, so there is no user to send a wrong password for',
  ],
  async run(ctx) {
    const exchange = await ctx.probe(
      'wrong-secret',
      "the request with the run's user and a wrong password",
      vary(planOf(ctx), { auth: 'wrong-secret' }),
    );
    // A token that is no user:password pair leaves nothing to send: a 401 to no credentials would prove nothing here.
    if (exchange.request.headers.authorization === undefined) return skip('the --token is not a user:password pair');
    return { findings: expectStatus(exchange, 401, 'a wrong password'), evidence: exchange };
  },
};
