/** `not-acceptable`: an Accept header no documented media type satisfies answers 406. */
import { planOf } from '../../engine/operation-context.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenDocuments } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import type { ProbeCheck } from '../types.ts';

const UNSERVED = 'application/xml';

export const notAcceptable: ProbeCheck = {
  kind: 'probe',
  id: 'not-acceptable',
  description: 'A request whose Accept header cannot be satisfied (Accept: application/xml) answers 406.',
  severity: 'error',
  guards: [
    whenDocuments('406'),
    (ctx) =>
      !ctx.operation.responses.some((r) => r.content.some((m) => /xml|\*\/\*/i.test(m.mediaType) && /^2/.test(r.status))) ||
      'the spec documents an XML or */* success body',
  ],
  async run(ctx) {
    const plan = planOf(ctx);
    const exchange = await ctx.probe(
      'accept',
      `the request with Accept: ${UNSERVED}`,
      vary(plan, { headers: { ...plan.headers, accept: UNSERVED } }),
    );
    return { findings: expectStatus(exchange, 406, `Accept: ${UNSERVED}`), evidence: exchange };
  },
};
