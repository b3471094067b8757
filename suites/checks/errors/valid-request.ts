/** `valid-request`: the happy path. Everything else about the operation builds on this answer. */
import { expectStatus } from '../helpers.ts';
import type { ProbeCheck } from '../types.ts';
import { successStatuses } from '../../plan/schema-shape.ts';
import type { Operation } from '../../../specs/types.ts';

export const validRequest: ProbeCheck = {
  kind: 'probe',
  id: 'valid-request',
  description: 'A valid request (real ids, valid parameters and body, full credentials) answers with a documented 2xx status.',
  severity: 'error',
  guards: [],
  async run(ctx) {
    const exchange = await ctx.valid();
    return { findings: expectStatus(exchange, documentedSuccess(ctx.operation), 'a valid request'), evidence: exchange };
  },
};

/** The 2xx statuses the operation documents; any 2xx when it documents a range or none. */
export function documentedSuccess(operation: Operation): number[] {
  const documented = successStatuses(operation);
  return documented.some((s) => /xx/i.test(s)) || documented.length === 0 ? [200, 201, 202, 203, 204, 206] : documented.map(Number);
}
