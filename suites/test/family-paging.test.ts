/**
 * Paging on the families of issue 13. Belvo: `next`/`previous` keep the
 * request's filters and page size (paging-links, on a filtered first page).
 * Opus: the walk sends a pagination key after the first page and must still
 * read every record once (paging-walk); `hasMoreRecords` is false exactly on
 * the last page (paging-meta). The mock is correct; a proxy in front of it
 * plays each defect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import type { RequestRewrite, Rewrite } from '../../fixtures/rewriting-proxy.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runBehindProxy } from './helpers.ts';

const OPUS = 'opus-accounts-2.4.1';
const BELVO = 'belvo-accounts-1.223.0';
const TOKEN = 'aferir-demo:demo-secret';
const PAGING_CHECKS = ['paging-links', 'paging-meta', 'paging-walk', 'page-size-honoured'];

let mock: RunningMock;
beforeAll(async () => {
  // Basic auth as the demo runs it: only the run's pair (and the aferir: convention) gets in.
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [OPUS, BELVO], quiet: true, basicAuth: [TOKEN] });
});
afterAll(() => mock?.close());

const runThrough = (specId: string, rewrite: Rewrite, rewriteRequest?: RequestRewrite): Promise<RunResults> =>
  runBehindProxy(mock, specId, { rewrite, rewriteRequest }, { token: TOKEN, only: PAGING_CHECKS });

const untouched: Rewrite = () => undefined;
const findingsOf = (run: RunResults) =>
  run.results
    .filter((r) => r.status === 'failed')
    .flatMap((r) => (r.findings ?? []).map((f) => `${r.check}: ${f.path ?? '-'} ${f.rule ?? '-'}`));

describe('Belvo: next and previous keep the query', () => {
  it('a correct implementation passes paging-links, the filtered first page included', async () => {
    const run = await runThrough(BELVO, untouched);
    expect(describeFailures(run)).toBe('');
    const links = run.results.find((r) => r.check === 'paging-links')!;
    expect(links.status).toBe('passed');
    expect(run.results.some((r) => r.request?.url.includes('link='))).toBe(true);
  });

  it('an implementation whose next link drops the filters fails paging-links, and nothing else', async () => {
    const dropFilters: Rewrite = ({ body }) => {
      const page = body as { next?: string | null };
      if (typeof page.next !== 'string') return undefined;
      const next = new URL(page.next);
      for (const name of [...next.searchParams.keys()]) if (name !== 'page' && name !== 'page_size') next.searchParams.delete(name);
      return { ...page, next: next.toString() };
    };
    const run = await runThrough(BELVO, dropFilters);
    expect(failedPairs(run), describeFailures(run)).toEqual(['paging-links @ listAccounts']);
    expect([...new Set(findingsOf(run))]).toEqual(['paging-links: $.next keeps the query of the request']);
    const finding = run.results.find((r) => r.status === 'failed')!.findings![0]!;
    expect(finding.message).toMatch(/drops link=/);
  });
});

describe('Opus: the pagination key and hasMoreRecords', () => {
  const WALKED = ['accountsGetAccounts', 'accountsGetAccountsAccountIdTransactions', 'accountsGetAccountsAccountIdTransactionsCurrent'];

  it('a correct implementation passes the walk with a pagination key after page 1, and hasMoreRecords ends it', async () => {
    const run = await runThrough(OPUS, untouched);
    expect(describeFailures(run)).toBe('');
    const walked = run.results.filter((r) => r.check === 'paging-walk' && r.status === 'passed').map((r) => r.operation);
    expect(walked.sort()).toEqual(WALKED);
    const bodies = run.results.flatMap((r) => [r.request, ...(r.exchanges ?? []).map((e) => e.request)]);
    const keyed = bodies.filter((b) => b?.body?.includes('"pagination-key"'));
    expect(keyed.length).toBeGreaterThan(0);
    expect(keyed.every((b) => !b!.body!.includes('"page":1,') && !/"page":1}/.test(b!.body!))).toBe(true);
  });

  it('an implementation that answers page 1 again whenever a pagination key comes fails paging-walk', async () => {
    const restart: RequestRewrite = ({ body }) => {
      if (!body) return undefined;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if (parsed['pagination-key'] === undefined) return undefined;
      return JSON.stringify({ ...parsed, page: 1 });
    };
    const run = await runThrough(OPUS, untouched, restart);
    expect(failedPairs(run), describeFailures(run)).toEqual(WALKED.map((op) => `paging-walk @ ${op}`));
    // Each page holds a full page of records, so the total adds up: the repeats give it away.
    expect([...new Set(findingsOf(run))].sort()).toEqual(['paging-walk: - no duplicates']);
  });

  it('an implementation whose last page says hasMoreRecords true fails paging-meta (and the walk, which asks for the promised page)', async () => {
    const neverLast: Rewrite = ({ status, body }) => {
      const page = body as { meta?: { hasMoreRecords?: boolean } };
      if (status !== 200 || page.meta?.hasMoreRecords !== false) return undefined;
      return { ...page, meta: { ...page.meta, hasMoreRecords: true } };
    };
    const run = await runThrough(OPUS, neverLast);
    const open = WALKED.filter((op) => op !== 'accountsGetAccounts'); // the account list states totals, not hasMoreRecords
    expect(failedPairs(run), describeFailures(run)).toEqual([
      ...open.map((op) => `paging-meta @ ${op}`),
      ...open.map((op) => `paging-walk @ ${op}`),
    ]);
    expect([...new Set(findingsOf(run))].sort()).toEqual([
      'paging-meta: $.meta.hasMoreRecords hasMoreRecords false on the last page',
      'paging-meta: $.meta.hasMoreRecords hasMoreRecords ⇒ full page',
      'paging-walk: - -',
    ]);
    const last = run.results.find((r) => r.check === 'paging-meta' && r.status === 'failed')!;
    expect(last.findings!.some((f) => /says hasMoreRecords true, but page \d+ could not be read/.test(f.message))).toBe(true);
  });

  it('an implementation whose hasMoreRecords says false before the last page fails paging-meta', async () => {
    // Only the walk's pages of 10 are touched: the first of them says no more follow, while page 2 has records.
    const endsEarly: Rewrite = ({ status, body, pathname }) => {
      const page = body as { data?: unknown[]; meta?: { hasMoreRecords?: boolean } };
      if (status !== 200 || !pathname.endsWith('/transactions') || page.meta?.hasMoreRecords !== true) return undefined;
      return { ...page, meta: { ...page.meta, hasMoreRecords: false } };
    };
    const run = await runThrough(OPUS, endsEarly);
    expect(failedPairs(run), describeFailures(run)).toEqual(['paging-meta @ accountsGetAccountsAccountIdTransactions']);
    expect([...new Set(findingsOf(run))]).toEqual(['paging-meta: $.meta.hasMoreRecords hasMoreRecords true before the last page']);
  });
});
