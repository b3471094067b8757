/**
 * Credentials on the families that lacked the checks (issue 13). Opus: the
 * contracts declare no security scheme but document 401, so a request without
 * Authorization must be refused (auth-required). Belvo: a wrong password must
 * be refused with 401 (auth-wrong-credentials), which the mock does when
 * `basicAuth` names the pairs it accepts. The mock is correct; a proxy in
 * front of it plays the implementation that skips the check, by supplying
 * good credentials on the way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import type { RequestRewrite } from '../../fixtures/rewriting-proxy.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runBehindProxy } from './helpers.ts';

const OPUS = 'opus-accounts-2.4.1';
const BELVO = 'belvo-accounts-1.223.0';
const PAIR = 'aferir-demo:demo-secret';
const BASIC = `Basic ${Buffer.from(PAIR).toString('base64')}`;
const OPUS_OPERATIONS = [
  'accountsGetAccounts',
  'accountsGetAccountsAccountId',
  'accountsGetAccountsAccountIdBalances',
  'accountsGetAccountsAccountIdOverdraftLimits',
  'accountsGetAccountsAccountIdTransactions',
  'accountsGetAccountsAccountIdTransactionsCurrent',
  'discoverAccounts',
];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [OPUS, BELVO], quiet: true, basicAuth: [PAIR] });
});
afterAll(() => mock?.close());

const runThrough = (specId: string, only: string[], rewriteRequest?: RequestRewrite): Promise<RunResults> =>
  runBehindProxy(mock, specId, { rewriteRequest }, { token: PAIR, only });

const statusOn = (run: RunResults, check: string) =>
  run.results
    .filter((r) => r.check === check)
    .map((r) => `${r.operation}: ${r.status}`)
    .sort();

describe('Opus: 401 documented, no security scheme declared', () => {
  it('the mock refuses a request without Authorization with 401 in the errors envelope', async () => {
    const api = mock.apis.find((a) => a.id === OPUS)!;
    const response = await fetch(`${api.url}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: Array<{ code: string }> };
    expect(body.errors[0]?.code).toBe('UNAUTHORIZED');
  });

  it('a correct implementation passes auth-required on every route', async () => {
    const run = await runThrough(OPUS, ['auth-required', 'error-body', 'status-documented']);
    expect(describeFailures(run)).toBe('');
    expect(statusOn(run, 'auth-required')).toEqual(OPUS_OPERATIONS.map((op) => `${op}: passed`));
  });

  it('an implementation that ignores Authorization fails auth-required on every route, and nothing else', async () => {
    const ignoreAuth: RequestRewrite = ({ headers }) => {
      headers.authorization ??= 'Bearer any-token';
      return undefined;
    };
    const run = await runThrough(OPUS, ['auth-required', 'error-body', 'status-documented'], ignoreAuth);
    expect(failedPairs(run), describeFailures(run)).toEqual(OPUS_OPERATIONS.map((op) => `auth-required @ ${op}`));
  });
});

describe('Belvo: a wrong password', () => {
  it('the mock with basicAuth refuses a wrong password with 401 in Belvo shape, and keeps the aferir: convention', async () => {
    const api = mock.apis.find((a) => a.id === BELVO)!;
    const url = `${api.url.replace(/\/$/, '')}/api/accounts/`;
    const as = (pair: string) => fetch(url, { headers: { authorization: `Basic ${Buffer.from(pair).toString('base64')}` } });
    const wrong = await as('aferir-demo:not-the-secret');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Array<{ code: string }>)[0]).toHaveProperty('message');
    expect((await as(PAIR)).status).toBe(200);
    expect((await as('aferir:ACCOUNTS_READ')).status).toBe(200);
    expect((await as('aferir:')).status).toBe(403);
  });

  it('a correct implementation passes auth-wrong-credentials', async () => {
    const run = await runThrough(BELVO, ['auth-wrong-credentials', 'auth-required']);
    expect(describeFailures(run)).toBe('');
    expect(statusOn(run, 'auth-wrong-credentials')).toEqual(['listAccounts: passed']);
  });

  it('an implementation that accepts any password fails auth-wrong-credentials, and nothing else', async () => {
    const anyPassword: RequestRewrite = ({ headers }) => {
      if (headers.authorization?.startsWith('Basic ')) headers.authorization = BASIC;
      return undefined;
    };
    const run = await runThrough(BELVO, ['auth-wrong-credentials', 'auth-required'], anyPassword);
    expect(failedPairs(run), describeFailures(run)).toEqual(['auth-wrong-credentials @ listAccounts']);
    const finding = run.results.find((r) => r.status === 'failed')!.findings![0]!;
    expect(finding).toMatchObject({ rule: 'status 401', actual: 200 });
  });
});
