/**
 * Adapter to the data engine (data/) for what the suites need
 * from it: a valid request per operation — Opus bodies with consent and
 * requestMeta, required query values. Loaded lazily; when the engine is not
 * available the suites still run every operation that needs no generated
 * body, and say so for the others.
 */
import type { GeneratedRequest, RequestDefect } from '../../data/api.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';

export interface RequestData {
  /** A valid request, or undefined when none can be generated (the plan then says why). */
  validRequest(spec: LoadedSpec, operation: Operation): GeneratedRequest | undefined;
  /** Variants of a valid request with exactly one thing broken; [] when the data engine offers none. */
  requestDefects(spec: LoadedSpec, operation: Operation, request: GeneratedRequest): RequestDefect[];
  /** Why validRequest may return undefined, for the skip message. */
  readonly unavailableReason?: string;
}

export interface RequestDataOptions {
  /** The data engine's seed. Default 1, the mock's default, so demo ids line up. */
  seed?: string | number;
  /** The data engine's clock. Default: now. */
  now?: Date;
}

export async function loadRequestData(options: RequestDataOptions = {}): Promise<RequestData> {
  let createWorld: ((options: { seed: string | number; now: Date }) => any) | undefined;
  let defects: ((spec: LoadedSpec, operation: Operation, request: GeneratedRequest) => Iterable<RequestDefect>) | undefined;
  try {
    const module: any = await import('../../data/index.ts');
    createWorld = module.createWorld;
    defects = typeof module.requestDefects === 'function' ? module.requestDefects : undefined;
  } catch (error) {
    return {
      validRequest: () => undefined,
      requestDefects: () => [],
      unavailableReason: `the data engine (data/) could not be loaded: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  if (typeof createWorld !== 'function')
    return {
      validRequest: () => undefined,
      requestDefects: () => [],
      unavailableReason: 'the data engine (data/) has no createWorld',
    };
  const world = createWorld({ seed: options.seed ?? 1, now: options.now ?? new Date() });
  return {
    requestDefects(spec, operation, request) {
      if (!defects) return [];
      try {
        return [...defects(spec, operation, request)];
      } catch {
        return [];
      }
    },
    validRequest(spec, operation) {
      try {
        return world.validRequest(spec, operation, 0) as GeneratedRequest;
      } catch {
        return undefined;
      }
    },
  };
}
