/** Shared by the engine's tests: run a suite quietly (directly or behind a defect-playing proxy) and read its failures as `check @ operation` pairs. */
import { startRewritingProxy, type RequestRewrite, type Rewrite } from '../../fixtures/rewriting-proxy.ts';
import type { RunningMock } from '../../mocks/server/index.ts';
import { runSuite } from '../engine/run-suite.ts';
import { paramsFromWorld } from '../plan/world-params.ts';
import type { RunOptions } from '../engine/run-options.ts';
import type { CheckResult, RunResults } from '../result-model.ts';

export async function runQuietly(options: Partial<RunOptions> & Pick<RunOptions, 'suites'>): Promise<RunResults> {
  return runSuite({ timeoutMs: 3_000, ...options });
}

export function failedPairs(run: RunResults): string[] {
  return [...new Set(run.results.filter((r) => r.status === 'failed').map(pairOf))].sort();
}

function pairOf(result: CheckResult): string {
  return `${result.check} @ ${result.operation}`;
}

export function describeFailures(run: RunResults): string {
  return run.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${pairOf(r)}: ${r.message}`)
    .join('\n');
}

/** What a run through {@link runBehindProxy} changes on the way: answers (`rewrite`) and requests (`rewriteRequest`). */
export interface ProxyDefect {
  rewrite?: Rewrite;
  rewriteRequest?: RequestRewrite;
}

/**
 * Runs the suites of one spec of a running mock through a rewriting proxy that plays an
 * implementation with a defect (or none), with the ids of the mock's own world as params.
 */
export async function runBehindProxy(
  mock: RunningMock,
  specId: string,
  defect: ProxyDefect,
  options: Partial<RunOptions>,
): Promise<RunResults> {
  const proxy = await startRewritingProxy(
    new URL(mock.url).origin,
    defect.rewrite ?? (() => undefined),
    defect.rewriteRequest ?? (() => undefined),
  );
  try {
    const api = mock.apis.find((a) => a.id === specId)!;
    const spec = mock.specs.find((s) => s.id === specId)!;
    const target = `${proxy.origin}${new URL(api.url).pathname}`.replace(/\/$/, '');
    return await runQuietly({ suites: [{ spec, target, params: paramsFromWorld(spec, mock.world()) }], seed: 1, ...options });
  } finally {
    await proxy.close();
  }
}
