/**
 * `permission-required`: a request lacking the operation's consent permission answers 403. Where the
 * family carries the consent in the body (Opus), that body's permissions leave out what the operation
 * needs; otherwise the request goes with --token-without-permissions.
 */
import { planOf } from '../../engine/operation-context.ts';
import { withoutPermissions } from '../../plan/consent-body.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenNeedsPermissions } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import { skip, type ProbeCheck } from '../types.ts';

export const permissionRequired: ProbeCheck = {
  kind: 'probe',
  id: 'permission-required',
  description:
    'A request lacking the consent permission the operation needs (--token-without-permissions, or the consent in the body without it) answers 403.',
  severity: 'error',
  guards: [whenNeedsPermissions],
  async run(ctx) {
    const needed = ctx.profile.permissionsOf(ctx.operation);
    const plan = planOf(ctx);
    const inBody = ctx.profile.permissionsInBody;
    if (inBody) {
      const body = withoutPermissions(ctx.operation, plan.body, inBody, needed);
      if (typeof body === 'string') return skip(body);
      const exchange = await ctx.probe('consent-lacks-permission', `the request whose consent lacks ${needed.join(', ')}`, {
        ...plan,
        body,
      });
      return { findings: expectStatus(exchange, 403, `with ${inBody.join('.')} lacking ${needed.join(', ')}`), evidence: exchange };
    }
    const exchange = await ctx.probe('limited', 'the request with the token that lacks permissions', vary(plan, { auth: 'limited' }));
    const what = needed.length > 0 ? `a token lacking ${needed.join(', ')}` : 'a token that holds no permission';
    return { findings: expectStatus(exchange, 403, `with ${what}`), evidence: exchange };
  },
};
