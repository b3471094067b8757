/**
 * `invalid-request-rejected`: the same valid request with exactly one thing
 * broken (the data engine's requestDefects) is refused with 400 or 422. Paging
 * parameters and the interaction id have checks of their own and are left out;
 * a handful of variants of different kinds are sent, not all of them.
 */
import { planOf } from '../../engine/operation-context.ts';
import { whenDocuments } from '../guards.ts';
import { expectStatus, plural } from '../helpers.ts';
import type { BrokenVariant, ProbeCheck } from '../types.ts';
import { skip } from '../types.ts';

const OWNED_ELSEWHERE = /^\/?(page|page-size|page_size|pageSize|pagination-key|x-fapi-interaction-id|authorization)$/i;
const MAX_BROKEN_VARIANTS = 6;

export const invalidRequestRejected: ProbeCheck = {
  kind: 'probe',
  id: 'invalid-request-rejected',
  description:
    'A request with one thing broken (a required body field left out, a wrong type, a value off its pattern or enum, a query value off its schema) answers 400 or 422.',
  severity: 'error',
  guards: [
    (ctx) =>
      ctx.operation.requestBody !== undefined || ctx.operation.parameters.some((p) => p.in === 'query' && !OWNED_ELSEWHERE.test(p.name)),
    (ctx) =>
      whenDocuments('400')(ctx) === true ||
      whenDocuments('422')(ctx) === true ||
      `the spec documents neither 400 nor 422 for ${ctx.operation.id}`,
  ],
  async run(ctx) {
    const variants = pickVariety(ctx.brokenVariants(planOf(ctx)).filter((v) => v.expect === 'invalid' && !OWNED_ELSEWHERE.test(v.target)));
    if (variants.length === 0) return skip('the data engine found nothing to break in this request');
    const exchanges = await Promise.all(
      variants.map((variant) => ctx.probe(`broken:${variant.name}`, `the request with ${variant.description}`, variant.plan)),
    );
    const findings = exchanges.flatMap((exchange, index) => expectStatus(exchange, [400, 422], variants[index]!.description)); // one exchange per variant
    return {
      findings,
      evidence: findings[0]?.on ?? exchanges[0],
      message: `${plural(variants.length, 'broken request')} refused: ${variants.map((v) => v.name).join(', ')}`,
    };
  },
};

/**
 * Up to MAX_BROKEN_VARIANTS, spread over the kinds of defect (missing field,
 * wrong type, pattern, enum, range, query) and over the top-level fields
 * (consent, requestMeta, the id), so a handful of requests covers the most ground.
 */
function pickVariety(variants: BrokenVariant[]): BrokenVariant[] {
  const kindOf = (v: BrokenVariant) => v.name.split(':')[0];
  const topOf = (v: BrokenVariant) => (v.location === 'body' ? (v.target.split('/')[1] ?? '') : `${v.location}:${v.target}`);
  const picked: BrokenVariant[] = [];
  const take = (accept: (v: BrokenVariant) => boolean) => {
    for (const variant of variants) {
      if (picked.length >= MAX_BROKEN_VARIANTS) return;
      if (!picked.includes(variant) && accept(variant)) picked.push(variant);
    }
  };
  take((v) => !picked.some((p) => topOf(p) === topOf(v)));
  take((v) => !picked.some((p) => kindOf(p) === kindOf(v)));
  take(() => true);
  return picked;
}
