/**
 * A stand-in data engine for unit tests of the server machinery: lists of a
 * fixed size whose items say where they come from, an object for any id but
 * `missing`, and a 422 for the transactions-current window the test asks to
 * reject. Bodies from it are not meant to validate against the specs (the
 * end-to-end tests use the real engine for that).
 */
import type { DataAnswer, DataRequest, World, WorldOptions } from '../../../data/api.ts';
import type { LoadedSpec, Operation } from '../../../specs/types.ts';

export const FAKE_TOTAL = 60;

export function createFakeWorld(options: WorldOptions): World & { calls: number } {
  const world = {
    seed: String(options.seed),
    now: options.now,
    calls: 0,
    resolve(_spec: LoadedSpec, operation: Operation, request: DataRequest): DataAnswer {
      world.calls++;
      const id =
        request.pathParams.accountId ??
        request.pathParams.contractId ??
        request.pathParams.application_id ??
        (request.body as LegacyIds | undefined)?.accountId?.[0]?.value ??
        (request.body as LegacyIds | undefined)?.contractId?.[0]?.value;
      if (id === 'missing') return { kind: 'not-found', message: `no resource ${id}` };
      if (request.query.fromBookingDate === '1999-01-01') return { kind: 'unprocessable', message: 'window outside D-6..D' };
      const isList =
        /s$|transactions|transactions-current|warranties|instalments|payments|contracts|movements|\/$/.test(operation.path) &&
        !operation.path.endsWith('balances') &&
        !operation.path.endsWith('overdraft-limits');
      if (!isList || operation.path.endsWith('/find') || operation.path.includes('contract-info'))
        return { kind: 'object', data: { id: id ?? 'one', operation: operation.id } };
      return {
        kind: 'page',
        total: FAKE_TOTAL,
        render: (offset, limit) => Array.from({ length: limit }, (_, i) => ({ index: offset + i, id: `item-${offset + i}` })),
      };
    },
    sample(): unknown {
      return {};
    },
    validRequest(): never {
      throw new Error('not in the fake world');
    },
  };
  return world;
}

/** OPUS bodies name the resource as a LegacyId list. */
interface LegacyIds {
  accountId?: Array<{ value?: string }>;
  contractId?: Array<{ value?: string }>;
}
