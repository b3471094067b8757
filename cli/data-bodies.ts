/**
 * The bodies `aferir data --spec --operation` prints. Body 0 comes from the
 * world of `--seed` itself (the customer `aferir mock --seed` serves); body i
 * from the neighbouring world `<seed>#i`, so N bodies show N customers. The
 * request is the world's valid request for the operation (existing ids, a
 * 30-day booking window, D-6..D for transactions-current).
 */
import { profileOf } from '../families/index.ts';
import { loadSpec, type SpecLoadOptions } from '../specs/load.ts';
import { findOperation, responseSchemaFor } from '../specs/lookup.ts';
import { UsageError } from '../specs/errors.ts';
import { buildEnvelope } from '../data/envelope.ts';
import { createWorld } from '../data/index.ts';
import { plannerFor } from '../data/planners.ts';
import { rngFor, seedHash } from '../data/random.ts';
import { buildErrorBody, errorDetail, formatRequestDateTime } from '../data/error-body.ts';

export interface BodyOptions {
  spec: string;
  /** How `spec` is loaded (`--ref-root`, `--spec-timeout`). Default: its own folder or origin, 30 s. */
  specLoad?: SpecLoadOptions;
  operation: string;
  /** Response status whose body to generate (default '200'): success bodies come from the domain, others from their schema. */
  status: string;
  count: number;
  seed: string;
  now: Date;
}

export async function generateBodies(options: BodyOptions): Promise<unknown[]> {
  const spec = await loadSpec(options.spec, options.specLoad);
  const operation = findOperation(spec, options.operation);
  const schema = responseSchemaFor(spec, operation, options.status);
  const success = /^2/.test(options.status);
  const bodies: unknown[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = i === 0 ? options.seed : `${options.seed}#${i}`;
    const world = createWorld({ seed, now: options.now });
    if (!success) {
      const rng = rngFor(seedHash(seed), `error:${operation.id}:${options.status}`);
      // The body the mock itself answers with; only a schema it does not fit (a user's own spec) goes through the planner.
      const status = Number(options.status);
      const body = buildErrorBody(profileOf(spec), schema, [errorDetail(status, `the request was answered with ${status}.`)], {
        status,
        requestDateTime: formatRequestDateTime(options.now),
        requestId: rng.hex(32),
      });
      bodies.push(
        spec.validator.isValid(schema, body) ? body : plannerFor(spec).generate(schema, rng, { now: options.now.getTime() }, body),
      );
      continue;
    }
    const request = world.validRequest(spec, operation, 0);
    const answer = world.resolve(spec, operation, request);
    if (answer.kind === 'not-found' || answer.kind === 'unprocessable') {
      throw new UsageError(
        `${operation.id} of ${spec.id} has no data for its generated request (${answer.message}); try another operation or seed.`,
      );
    }
    bodies.push(
      buildEnvelope(spec, operation, answer, { seed, requestDateTime: options.now, pathParams: request.pathParams, query: request.query }),
    );
  }
  return bodies;
}
