/**
 * The data engine's speed and memory: response bodies generated per second for
 * GET /accounts/{id}/transactions with page-size 1000 (domain facts → schema
 * plan → envelope, what a mock pays per request before caching), the cost of
 * the small GET /accounts page the mock's throughput target is measured on,
 * and the memory of a 1,000,000-entry account at page 1 and at page 40,000
 * (it must stay flat: entries exist only while a page is rendered).
 */
import { loadSpec } from '../specs/load.ts';
import { findOperation } from '../specs/lookup.ts';
import { buildEnvelope, createWorld } from '../data/index.ts';
import type { DataAnswer, World } from '../data/api.ts';
import type { LoadedSpec, Operation } from '../specs/types.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

function page(
  world: World,
  spec: LoadedSpec,
  operation: Operation,
  query: Record<string, string>,
  pageNumber: number,
  pageSize: number,
): unknown {
  const accountId = world.validRequest(spec, operation).pathParams.accountId;
  const answer: DataAnswer = world.resolve(spec, operation, { pathParams: accountId ? { accountId } : {}, query });
  return buildEnvelope(spec, operation, answer, {
    page: pageNumber,
    pageSize,
    requestDateTime: NOW,
    pathParams: accountId ? { accountId } : {},
  });
}

function rate(label: string, seconds: number, run: () => unknown): number {
  run();
  let count = 0;
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    bytes += JSON.stringify(run()).length;
    count++;
  }
  const perSecond = count / ((performance.now() - started) / 1000);
  console.log(`${label.padEnd(58)} ${perSecond.toFixed(1).padStart(9)} bodies/s  (${(bytes / count / 1024).toFixed(1)} KiB each)`);
  return perSecond;
}

function memory(): { rss: number; heap: number } {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / 2 ** 20, heap: usage.heapUsed / 2 ** 20 };
}

export default async function bench(): Promise<void> {
  const spec = await loadSpec('ofb-accounts-2.4.1');
  const transactions = findOperation(spec, 'accountsGetAccountsAccountIdTransactions');
  const accounts = findOperation(spec, 'accountsGetAccounts');
  const world = createWorld({ seed: 1, now: NOW });
  const year = { fromBookingDate: '2024-06-01', toBookingDate: '2025-06-01' };

  const big = page(world, spec, transactions, year, 1, 1000) as { data: unknown[] };
  console.log(`GET /accounts/{id}/transactions, one year window: ${big.data.length} items on page 1 (page-size 1000)`);
  rate('GET /accounts/{id}/transactions page-size=1000', 3, () => page(world, spec, transactions, year, 1, 1000));
  rate('GET /accounts page-size=25 (data + envelope)', 2, () => page(world, spec, accounts, {}, 1, 25));
  rate('GET /accounts page-size=25 (resolve + render only)', 2, () => {
    const answer = world.resolve(spec, accounts, { pathParams: {}, query: {} });
    return answer.kind === 'page' ? answer.render(0, 25) : answer;
  });

  // 1,000,000 entries per account: nothing is stored per entry, so page 40,000 costs what page 1 costs.
  const before = memory();
  const huge = createWorld({ seed: 1, now: NOW, transactionsPerAccount: 1_000_000 });
  const window = { fromBookingDate: '2019-01-01', toBookingDate: '2025-06-01' };
  page(huge, spec, transactions, window, 1, 25);
  const atFirst = memory();
  let t = performance.now();
  for (let i = 0; i < 200; i++) page(huge, spec, transactions, window, 1, 25);
  const firstMs = (performance.now() - t) / 200;
  const deep = page(huge, spec, transactions, window, 40_000, 25) as { data: unknown[] };
  const atDeep = memory();
  t = performance.now();
  for (let i = 0; i < 200; i++) page(huge, spec, transactions, window, 40_000, 25);
  const deepMs = (performance.now() - t) / 200;
  const hugeAccount = huge.validRequest(spec, transactions).pathParams.accountId!; // the transactions path takes an accountId
  const answer = huge.resolve(spec, transactions, { pathParams: { accountId: hugeAccount }, query: window });
  console.log(
    `1,000,000-entry account: ${answer.kind === 'page' ? answer.total : 0} entries in the window; page 40,000 (page-size 25) has ${deep.data.length} items`,
  );
  if (!globalThis.gc)
    console.log('(heap figures without forced GC; run `node --expose-gc --import tsx bench/run.ts data` for steadier ones)');
  console.log(`memory before world       rss ${before.rss.toFixed(1)} MiB  heap ${before.heap.toFixed(1)} MiB`);
  console.log(
    `memory at page 1          rss ${atFirst.rss.toFixed(1)} MiB  heap ${atFirst.heap.toFixed(1)} MiB  (${firstMs.toFixed(3)} ms per page of 25)`,
  );
  console.log(
    `memory at page 40,000     rss ${atDeep.rss.toFixed(1)} MiB  heap ${atDeep.heap.toFixed(1)} MiB  (${deepMs.toFixed(3)} ms per page of 25)`,
  );
  console.log(
    `heap growth page 1 → page 40,000: ${(atDeep.heap - atFirst.heap).toFixed(2)} MiB; time ratio page 40,000 / page 1: ${(deepMs / firstMs).toFixed(2)}`,
  );
}
