/**
 * `interaction-id-required`: without x-fapi-interaction-id the transmitter
 * answers 400 and generates one for the response (the parameter's
 * description in the Open Finance specs).
 */
import { planOf } from '../../engine/operation-context.ts';
import { INTERACTION_ID_HEADER, vary } from '../../plan/request-plan.ts';
import { whenDocuments, whenInteractionId } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import type { CheckFinding, ProbeCheck } from '../types.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const interactionIdRequired: ProbeCheck = {
  kind: 'probe',
  id: 'interaction-id-required',
  description: 'A request without x-fapi-interaction-id answers 400 with a newly generated UUID in that response header.',
  severity: 'error',
  guards: [
    whenInteractionId,
    (ctx) =>
      ctx.operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === INTERACTION_ID_HEADER && p.required) ||
      'the spec makes x-fapi-interaction-id optional here',
    whenDocuments('400'),
  ],
  async run(ctx) {
    const exchange = await ctx.probe(
      'no-interaction-id',
      `the request without ${INTERACTION_ID_HEADER}`,
      vary(planOf(ctx), { interactionId: 'omit' }),
    );
    const findings: CheckFinding[] = expectStatus(exchange, 400, `without ${INTERACTION_ID_HEADER}`);
    const generated = exchange.response?.headers[INTERACTION_ID_HEADER];
    if (exchange.response && (generated === undefined || !UUID.test(generated))) {
      findings.push({
        message:
          generated === undefined
            ? `the response carries no generated ${INTERACTION_ID_HEADER}`
            : `the generated ${INTERACTION_ID_HEADER} is not a UUID: ${generated}`,
        path: `header ${INTERACTION_ID_HEADER}`,
        rule: 'generated UUID',
        actual: generated,
        on: exchange,
      });
    }
    return { findings, evidence: exchange };
  },
};
