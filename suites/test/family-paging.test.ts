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
import { startRewritingProxy, type RequestRewrite, type Rewrite } from '../../fixtures/rewriting-proxy.ts';
import { paramsFromWorld } from '../plan/world-params.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const OPUS = 'opus-accounts-2.4.1';
const BELVO = 'belvo-accounts-1.223.0';
const TOKEN = 'aferir-demo:demo-secret';
const PAGING_CHECKS = ['paging-links', 'paging-meta', 'paging-walk', 'page-size-honoured'];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [OPUS, BELVO], quiet: true });
});
afterAll(() => mock?.close());

async function runThrough(specId: string, rewrite: Rewrite, rewriteRequest?: RequestRewrite): Promise<RunResults> {
  const proxy = await startRewritingProxy(new URL(mock.url).origin, rewrite, rewriteRequest ?? (() => undefined));
  try {
    const api = mock.apis.find((a) => a.id === specId)!;
    const spec = mock.specs.find((s) => s.id === specId)!;
    return await runQuietly({
      suites: [
        { spec, target: `${proxy.origin}${new URL(api.url).pathname}`.replace(/\/$/, ''), params: paramsFromWorld(spec, mock.world()) },
      ],
      token: TOKEN,
      seed: 1,
      only: PAGING_CHECKS,
    });
  } finally {
    await proxy.close();
  }
}

const untouched: Rewrite = () => undefined;
const findingsOf = (run: RunResults) =>
  run.results.filter((r) => r.status === 'failed').flatMap((r) => (r.findings ?? []).map((f) => `${r.check}: ${f.path ?? '-'} ${f.rule ?? '-'}`));

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
