/**
 * The Brazilian data engine: `createWorld(options)` gives a World (see
 * api.ts) whose data is deterministic in (seed, now), valid against the
 * spec's schemas, consistent across endpoints and variants, and lazy.
 */
import type { JsonSchema, LoadedSpec, Operation } from '../specs/types.ts';
import type { DataAnswer, DataRequest, GeneratedRequest, World, WorldOptions } from './api.ts';
import { WorldCore } from './domain/core.ts';
import { rngFor } from './random.ts';
import { buildValidRequest } from './requests.ts';
import { resolverFor } from './resolve/resolvers.ts';
import { plannerFor } from './planners.ts';

export { buildEnvelope, type EnvelopeOptions } from './envelope.ts';
export type { DataAnswer, DataRequest, GeneratedRequest, RequestDefect, World, WorldOptions } from './api.ts';
export { requestDefects } from './request-defects.ts';

class DataWorld implements World {
  readonly seed: string;
  readonly now: Date;
  /** Internal: the domain state; exported for the engine's own modules and tests, not part of the contract. */
  readonly core: WorldCore;

  constructor(options: WorldOptions) {
    this.seed = String(options.seed);
    const now = options.now instanceof Date ? options.now.getTime() : Number.NaN;
    if (!Number.isFinite(now)) throw new TypeError('createWorld: options.now must be a valid Date.');
    this.now = new Date(now);
    this.core = new WorldCore({
      seed: this.seed,
      now,
      transactionsPerAccount: options.transactionsPerAccount,
      recordsPerList: options.recordsPerList,
    });
  }

  resolve(spec: LoadedSpec, operation: Operation, request: DataRequest): DataAnswer {
    const safe: DataRequest = { pathParams: request.pathParams ?? {}, query: request.query ?? {}, body: request.body };
    return resolverFor(spec, operation)({ core: this.core, spec, operation, request: safe, planner: plannerFor(spec) });
  }

  sample(spec: LoadedSpec, schema: JsonSchema, key: string): unknown {
    return plannerFor(spec).generate(schema, rngFor(this.core.hash, `sample:${key}`), { now: this.core.now });
  }

  validRequest(spec: LoadedSpec, operation: Operation, index = 0): GeneratedRequest {
    return buildValidRequest(this.core, plannerFor(spec), spec, operation, index);
  }
}

export function createWorld(options: WorldOptions): World {
  return new DataWorld(options);
}
