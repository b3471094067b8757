/**
 * `npm run bench -- suites`: the cost of `aferir demo`'s run — every bundled
 * suite against the in-process mock — without Node's start-up, spec loading
 * or report writing (measured once before, warm afterwards). Prints the run
 * time, the requests sent (RunResults.requests), requests per
 * second, results per second, and the share of the 20-second demo budget.
 */
import { startMock } from '../mocks/server/start.ts';
import { runSuite } from '../suites/index.ts';
import { itemAt } from '../data/random.ts';
import { paramsFromWorld } from '../suites/plan/world-params.ts';

const RUNS = 3;
const DEMO_BUDGET_MS = 20_000;

export default async function bench(): Promise<void> {
  const started = performance.now();
  const mock = await startMock({ port: 0, seed: 1, quiet: true, basicAuth: ['aferir-demo:demo-secret'] });
  const startup = performance.now() - started;
  const suites = mock.apis.map((api) => {
    const spec = mock.specs.find((s) => s.id === api.id)!;
    return { spec, target: api.url, params: paramsFromWorld(spec, mock.world()) };
  });
  const rows: Array<{ ms: number; requests: number; results: number; failed: number }> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const begin = performance.now();
      const results = await runSuite({ suites, token: 'aferir-demo:demo-secret', tokenWithoutPermissions: 'aferir:' });
      rows.push({
        ms: performance.now() - begin,
        requests: results.requests ?? 0,
        results: results.summary.total,
        failed: results.summary.failed,
      });
    }
  } finally {
    await mock.close();
  }
  console.log(`mock start-up with ${mock.apis.length} specs: ${startup.toFixed(0)} ms`);
  rows.forEach((row, index) => {
    console.log(
      `run ${index + 1}: ${row.ms.toFixed(0).padStart(5)} ms  ${row.requests} requests (${(row.requests / (row.ms / 1000)).toFixed(0)}/s)  ${row.results} results (${(row.results / (row.ms / 1000)).toFixed(0)}/s), ${row.failed} failed`,
    );
  });
  const median = itemAt(
    [...rows].sort((a, b) => a.ms - b.ms),
    Math.floor(rows.length / 2),
  );
  console.log(
    `median run: ${median.ms.toFixed(0)} ms = ${(((median.ms + startup) / DEMO_BUDGET_MS) * 100).toFixed(0)}% of the 20 s demo budget with the mock's start-up`,
  );
}
