/**
 * permission-required on the families that had none (issue 13): Opus, whose
 * consent travels in the body — the check sends `consent.permissions` without
 * the permission the route needs — and Belvo, whose spec documents 403 but has
 * no permission table — the check sends credentials that hold no permission.
 * The mock is correct; a proxy in front of it makes it ignore permissions
 * (the defect each check must catch) by rewriting the request on its way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import type { RequestRewrite } from '../../fixtures/rewriting-proxy.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, failedPairs, runBehindProxy } from './helpers.ts';

const OPUS = 'opus-accounts-2.4.1';
const BELVO = 'belvo-accounts-1.223.0';
const TOKEN = 'aferir-demo:demo-secret';
const LIMITED = 'aferir:';
const EVERY_ACCOUNTS_PERMISSION = [
  'ACCOUNTS_READ',
  'ACCOUNTS_BALANCES_READ',
  'ACCOUNTS_TRANSACTIONS_READ',
  'ACCOUNTS_OVERDRAFT_LIMITS_READ',
];

let mock: RunningMock;
beforeAll(async () => {
  // Basic auth as the demo runs it: only the run's pair (and the aferir: convention) gets in.
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, specs: [OPUS, BELVO], quiet: true, basicAuth: [TOKEN] });
});
afterAll(() => mock?.close());

const runThrough = (specId: string, rewriteRequest?: RequestRewrite): Promise<RunResults> =>
  runBehindProxy(mock, specId, { rewriteRequest }, { token: TOKEN, tokenWithoutPermissions: LIMITED });

/** An implementation that ignores the consent's permissions: as if every one were granted. */
const grantEverything: RequestRewrite = ({ body }) => {
  if (!body) return undefined;
  const parsed = JSON.parse(body) as { consent?: { permissions?: string[] } };
  if (!parsed.consent?.permissions) return undefined;
  parsed.consent.permissions = [...new Set([...parsed.consent.permissions, ...EVERY_ACCOUNTS_PERMISSION])];
  return JSON.stringify(parsed);
};

/** An implementation that serves credentials holding no permission as if they held them all. */
const ignoreNoPermission: RequestRewrite = ({ headers }) => {
  if (headers.authorization === `Basic ${Buffer.from(LIMITED).toString('base64')}`)
    headers.authorization = `Basic ${Buffer.from(TOKEN).toString('base64')}`;
  return undefined;
};

const passedOn = (run: RunResults, check: string) =>
  run.results
    .filter((r) => r.check === check && r.status === 'passed')
    .map((r) => r.operation)
    .sort();

describe('Opus: the consent in the body', () => {
  it('a correct implementation passes permission-required on every route that needs a permission', async () => {
    const run = await runThrough(OPUS);
    expect(describeFailures(run)).toBe('');
    expect(passedOn(run, 'permission-required')).toEqual([
      'accountsGetAccounts',
      'accountsGetAccountsAccountId',
      'accountsGetAccountsAccountIdBalances',
      'accountsGetAccountsAccountIdOverdraftLimits',
      'accountsGetAccountsAccountIdTransactions',
      'accountsGetAccountsAccountIdTransactionsCurrent',
    ]);
    const sent = run.results.find((r) => r.check === 'permission-required' && r.operation === 'accountsGetAccountsAccountIdBalances');
    const consent = (JSON.parse(sent!.request!.body!) as { consent: { permissions: string[] } }).consent;
    expect(consent.permissions).not.toContain('ACCOUNTS_BALANCES_READ');
    expect(consent.permissions.length).toBeGreaterThan(0);
  });

  it('an implementation that ignores consent.permissions fails permission-required, and nothing else', async () => {
    const run = await runThrough(OPUS, grantEverything);
    expect(failedPairs(run), describeFailures(run)).toEqual(
      [
        'accountsGetAccounts',
        'accountsGetAccountsAccountId',
        'accountsGetAccountsAccountIdBalances',
        'accountsGetAccountsAccountIdOverdraftLimits',
        'accountsGetAccountsAccountIdTransactions',
        'accountsGetAccountsAccountIdTransactionsCurrent',
      ].map((op) => `permission-required @ ${op}`),
    );
  });
});

describe('Belvo: 403 documented, no permission table', () => {
  it('a correct implementation refuses credentials that hold no permission', async () => {
    const run = await runThrough(BELVO);
    expect(describeFailures(run)).toBe('');
    expect(passedOn(run, 'permission-required')).toEqual(['listAccounts']);
  });

  it('an implementation that serves them anyway fails permission-required, and nothing else', async () => {
    const run = await runThrough(BELVO, ignoreNoPermission);
    expect(failedPairs(run), describeFailures(run)).toEqual(['permission-required @ listAccounts']);
  });
});
