/** `unknown-id`: an id of the right shape that does not exist answers 404. */
import { planOf } from '../../engine/operation-context.ts';
import { unknownIdLike } from '../../plan/unknown-id.ts';
import { inputValue, withInput } from '../../plan/with-input.ts';
import { whenDocuments, whenTakesId } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import type { ProbeCheck } from '../types.ts';

export const unknownId: ProbeCheck = {
  kind: 'probe',
  id: 'unknown-id',
  description: 'A request for an id that does not exist (same shape as a real one) answers 404.',
  severity: 'error',
  guards: [whenTakesId, whenDocuments('404')],
  async run(ctx) {
    const plan = planOf(ctx);
    const input = ctx.inputs[ctx.inputs.length - 1]!; // whenTakesId: at least one input
    const real = inputValue(plan, input);
    const others = ctx.discovery.values(input.name).map((d) => d.value);
    const unknown = unknownIdLike(ctx.spec, input.schema, real, [real, ...others]);
    const exchange = await ctx.probe('unknown-id', `the request for an unknown ${input.name}`, withInput(plan, input, unknown));
    return {
      findings: expectStatus(exchange, 404, `for ${input.name} ${JSON.stringify(unknown)}, which does not exist`),
      evidence: exchange,
    };
  },
};
