/**
 * filters-honoured on Belvo (issue 13): every documented filter is sent with a
 * value that must drop some accounts, and every account of the answer must
 * satisfy it. The mock is correct; a proxy in front of it drops one filter
 * from each request (the defect: an implementation that ignores that filter),
 * and filters-honoured must fail on exactly that filter — for every filter the
 * data can tell apart from an ignored one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import { startRewritingProxy, type RequestRewrite } from '../../fixtures/rewriting-proxy.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const BELVO = 'belvo-accounts-1.223.0';
const TOKEN = 'aferir-demo:demo-secret';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [BELVO], quiet: true });
});
afterAll(() => mock?.close());

async function runThrough(rewriteRequest: RequestRewrite): Promise<RunResults> {
  const proxy = await startRewritingProxy(new URL(mock.url).origin, () => undefined, rewriteRequest);
  try {
    return await runQuietly({
      suites: [{ spec: mock.specs[0]!, target: proxy.origin }],
      token: TOKEN,
      only: ['filters-honoured'],
    });
  } finally {
    await proxy.close();
  }
}

/** An implementation that ignores the query parameter `name`. */
const ignoring =
  (name: string): RequestRewrite =>
  (request) => {
    const url = new URL(request.url, 'http://proxy.invalid');
    url.searchParams.delete(name);
    request.url = `${url.pathname}${url.search}`;
    return undefined;
  };

describe('Belvo filters', () => {
  let exercised: string[] = [];

  it('a correct implementation honours every filter it documents', async () => {
    const run = await runThrough(() => undefined);
    expect(describeFailures(run)).toBe('');
    const result = run.results.find((r) => r.check === 'filters-honoured')!;
    expect(result.status).toBe('passed');
    exercised = result.message.replace(/^.*honoured: /, '').split(', ');
    expect(exercised).toEqual(expect.arrayContaining(['link', 'id__in', 'balance__current__gte', 'created_at__range', 'fields', 'omit']));
    expect(exercised.length).toBeGreaterThan(30);
  });

  it('an implementation that ignores any one filter fails filters-honoured on that filter, and nothing else', async () => {
    const missed: string[] = [];
    for (const name of exercised) {
      const run = await runThrough(ignoring(name));
      const failed = run.results.find((r) => r.check === 'filters-honoured' && r.status === 'failed');
      if (!failed) {
        missed.push(name);
        continue;
      }
      expect(failedPairs(run)).toEqual(['filters-honoured @ listAccounts']);
      for (const finding of failed.findings ?? []) expect(finding.message.startsWith(`${name}=`), finding.message).toBe(true);
    }
    // Every account of the seed-1 world is in BRL: a currency filter cannot be told from an ignored one there.
    expect(missed).toEqual(['currency', 'currency__in']);
  }, 120_000);
});
