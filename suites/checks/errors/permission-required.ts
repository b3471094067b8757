/** `permission-required`: with a token lacking the operation's permission, 403 (Open Finance consent permissions). */
import { planOf } from '../../engine/operation-context.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenNeedsPermissions } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import type { ProbeCheck } from '../types.ts';

export const permissionRequired: ProbeCheck = {
  kind: 'probe',
  id: 'permission-required',
  description: 'With --token-without-permissions, an operation that needs a missing consent permission answers 403.',
  severity: 'error',
  guards: [whenNeedsPermissions],
  async run(ctx) {
    const exchange = await ctx.probe(
      'limited',
      'the request with the token that lacks permissions',
      vary(planOf(ctx), { auth: 'limited' }),
    );
    const needed = ctx.operation.permissions.join(', ');
    return { findings: expectStatus(exchange, 403, `with a token lacking ${needed}`), evidence: exchange };
  },
};
