/**
 * `method-not-allowed`: a method the path does not support answers 405. The
 * method is one the spec does not define for the path, preferring ones
 * without side effects on a server that ignores the method (PATCH with no
 * body first; GET for POST-only APIs such as Opus).
 */
import { planOf } from '../../engine/operation-context.ts';
import { vary } from '../../plan/request-plan.ts';
import { whenDocuments } from '../guards.ts';
import { expectStatus } from '../helpers.ts';
import { skip, type ProbeCheck } from '../types.ts';

const CANDIDATES = ['PATCH', 'GET', 'PUT', 'DELETE', 'POST'];

export const methodNotAllowed: ProbeCheck = {
  kind: 'probe',
  id: 'method-not-allowed',
  description: 'A method the path does not support (e.g. PATCH on a GET-only path, GET on a POST route) answers 405.',
  severity: 'error',
  guards: [whenDocuments('405')],
  async run(ctx) {
    const defined = new Set(ctx.spec.operations.filter((op) => op.path === ctx.operation.path).map((op) => op.method));
    const method = CANDIDATES.find((candidate) => !defined.has(candidate as never));
    if (method === undefined) return skip(`the spec defines every method on ${ctx.operation.path}`);
    const exchange = await ctx.probe(
      'method',
      `the ${method} request`,
      vary(planOf(ctx), { method, body: method === 'GET' ? undefined : planOf(ctx).body }),
    );
    return { findings: expectStatus(exchange, 405, `${method} on ${ctx.operation.path}`), evidence: exchange };
  },
};
