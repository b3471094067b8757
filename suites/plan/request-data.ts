/**
 * What the suites need from the data engine (data/): a valid request per
 * operation — Opus bodies with consent and requestMeta, required query
 * values — and its one-defect variants. A generator that throws on some
 * spec's schema costs that operation its generated values, never the run.
 */
import type { GeneratedRequest, RequestDefect } from '../../data/index.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';

export interface RequestData {
  /** A valid request, or undefined when none can be generated (the plan then says why). */
  validRequest(spec: LoadedSpec, operation: Operation): GeneratedRequest | undefined;
  /** Variants of a valid request with exactly one thing broken; [] when the data engine offers none. */
  requestDefects(spec: LoadedSpec, operation: Operation, request: GeneratedRequest): RequestDefect[];
  /** A value for `schema` (the same for the same key), or undefined when none can be generated. */
  sample(spec: LoadedSpec, schema: JsonSchema, key: string): unknown;
}

export interface RequestDataOptions {
  /** The data engine's seed. Default 1, the mock's default, so demo ids line up. */
  seed?: string | number;
  /** The data engine's clock. Default: now. */
  now?: Date;
}

export async function loadRequestData(options: RequestDataOptions = {}): Promise<RequestData> {
  // Loaded when a run starts, not with the module: the engine's word lists and bank list are the heavy part.
  const { createWorld, requestDefects } = await import('../../data/index.ts');
  const world = createWorld({ seed: options.seed ?? 1, now: options.now ?? new Date() });
  return {
    requestDefects(spec, operation, request) {
      try {
        return [...requestDefects(spec, operation, request)];
      } catch {
        return [];
      }
    },
    sample(spec, schema, key) {
      try {
        return world.sample(spec, schema, key);
      } catch {
        return undefined;
      }
    },
    validRequest(spec, operation) {
      try {
        return world.validRequest(spec, operation, 0);
      } catch {
        return undefined;
      }
    },
  };
}
