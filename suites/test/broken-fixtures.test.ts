/**
 * The broken servers of issue 5: a correct Open Finance Accounts fixture with
 * exactly one defect switched on. The suite must report that defect as a
 * failure of the right check on the right operations — and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsDefect } from '../../fixtures/ofb-accounts-fixture.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const LIST = 'accountsGetAccounts';
const DETAIL = 'accountsGetAccountsAccountId';
const BALANCES = 'accountsGetAccountsAccountIdBalances';
const TRANSACTIONS = 'accountsGetAccountsAccountIdTransactions';
const CURRENT = 'accountsGetAccountsAccountIdTransactionsCurrent';
const LIMITS = 'accountsGetAccountsAccountIdOverdraftLimits';
const EVERY = [LIST, DETAIL, BALANCES, TRANSACTIONS, CURRENT, LIMITS];
const WITH_ID = [DETAIL, BALANCES, TRANSACTIONS, CURRENT, LIMITS];

const on = (check: string, operations: string[]) => operations.map((operation) => `${check} @ ${operation}`).sort();

const CASES: Array<{ defect: AccountsDefect; expected: string[]; finding?: RegExp }> = [
  { defect: 'wrong-pattern', expected: on('response-schema', [LIST, DETAIL]), finding: /pattern \^\\d\{3\}\$/ },
  { defect: 'missing-required', expected: on('response-schema', [LIST]), finding: /^required$/ },
  { defect: 'bad-enum', expected: on('response-schema', [DETAIL]), finding: /^enum \[INDIVIDUAL/ },
  { defect: 'next-on-last-page', expected: on('paging-links', [LIST]) },
  { defect: 'wrong-total', expected: on('paging-walk', [LIST]) },
  { defect: 'ignored-page-size', expected: on('page-size-honoured', [LIST]) },
  { defect: 'accepts-page-size-1001', expected: on('page-size-over-max', [LIST, TRANSACTIONS, CURRENT]) },
  { defect: 'no-auth-accepted', expected: on('auth-required', EVERY) },
  { defect: 'unknown-id-200', expected: on('unknown-id', WITH_ID) },
  { defect: 'interaction-id-not-echoed', expected: on('interaction-id-echo', EVERY) },
  { defect: 'text-plain', expected: on('content-type', [BALANCES]) },
  { defect: 'transactions-outside-window', expected: on('transactions-in-window', [TRANSACTIONS]) },
  { defect: 'error-without-errors', expected: on('error-body', EVERY) },
  { defect: 'ignores-bad-query', expected: on('invalid-request-rejected', [LIST, TRANSACTIONS, CURRENT]) },
];

async function runAgainst(defect: AccountsDefect | undefined) {
  const fixture = await startAccountsFixture({ defect });
  try {
    return await runQuietly({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }],
      token: 'full-token-1234',
      tokenWithoutPermissions: LIMITED_TOKEN,
    });
  } finally {
    await fixture.close();
  }
}

describe('broken fixture servers, one defect each', () => {
  it('the correct fixture passes every check, with nothing skipped', async () => {
    const run = await runAgainst(undefined);
    expect(describeFailures(run)).toBe('');
    expect(run.summary.skipped).toBe(0);
    expect(run.summary.passed).toBeGreaterThan(100);
    expect(run.verdict).toBe('pass');
  });

  it.each(CASES)('$defect is reported by exactly its check on exactly its operations', async ({ defect, expected, finding }) => {
    const run = await runAgainst(defect);
    expect(failedPairs(run), describeFailures(run)).toEqual(expected);
    expect(run.verdict).toBe('fail');
    expect(run.results.some((r) => r.check === 'check-error')).toBe(false);
    if (finding) {
      const rules = run.results
        .filter((r) => r.status === 'failed')
        .flatMap((r) => r.findings ?? [])
        .map((f) => f.rule ?? '');
      expect(
        rules.some((rule) => finding.test(rule)),
        rules.join('\n'),
      ).toBe(true);
    }
  });

  it('names the field, the rule and the value of a schema failure', async () => {
    const run = await runAgainst('wrong-pattern');
    const result = run.results.find((r) => r.status === 'failed' && r.operation === DETAIL)!;
    const finding = result.findings!.find((f) => f.rule?.startsWith('pattern'))!;
    expect(finding).toMatchObject({ path: '$.data.compeCode', rule: 'pattern ^\\d{3}$', actual: '3411' });
    expect(result.request?.url).toMatch(/\/accounts\/acc-\d{4}$/);
    expect(result.response?.status).toBe(200);
  });
});
