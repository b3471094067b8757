/** `auth-required`: a secured operation refuses a request without credentials with 401. */
import { planOf } from '../../engine/operation-context.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenSecured } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import type { ProbeCheck } from '../types.ts';

export const authRequired: ProbeCheck = {
  kind: 'probe',
  id: 'auth-required',
  description: 'A request without credentials (no Authorization header) is refused with 401.',
  severity: 'error',
  guards: [whenSecured],
  async run(ctx) {
    const exchange = await ctx.probe('no-auth', 'the request without credentials', vary(planOf(ctx), { auth: 'none' }));
    return { findings: expectStatus(exchange, 401, 'without credentials'), evidence: exchange };
  },
};
