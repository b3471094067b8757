/**
 * The broken servers of issue 5: a correct fixture server with exactly one
 * defect switched on. The suite must report that defect as a failure of the
 * right check on the right operations, with exactly the expected findings —
 * and nothing else. Every registered check has at least one defect here that
 * makes it fail, so a new check without a failing test fails this file.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/registry.ts';
import type { RunResults } from '../result-model.ts';
import { GENERIC_ITEM, startGenericFixture, type GenericDefect } from './fixtures/generic-fixture.ts';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsDefect } from './fixtures/ofb-accounts-fixture.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const LIST = 'accountsGetAccounts';
const DETAIL = 'accountsGetAccountsAccountId';
const BALANCES = 'accountsGetAccountsAccountIdBalances';
const TRANSACTIONS = 'accountsGetAccountsAccountIdTransactions';
const CURRENT = 'accountsGetAccountsAccountIdTransactionsCurrent';
const LIMITS = 'accountsGetAccountsAccountIdOverdraftLimits';
const EVERY = [LIST, DETAIL, BALANCES, TRANSACTIONS, CURRENT, LIMITS];
const WITH_ID = [DETAIL, BALANCES, TRANSACTIONS, CURRENT, LIMITS];
const GENERIC_SPEC = fileURLToPath(new URL('./fixtures/generic-spec.yaml', import.meta.url));
const GENERIC = 'getGenericItem';
/** A fixed clock for the fixture and the run, so window findings name the same dates every day. */
const NOW = new Date('2026-05-10T12:00:00Z');

const on = (check: string, operations: string[]) => operations.map((operation) => `${check} @ ${operation}`).sort();

type Case =
  | { target: 'accounts'; defect: AccountsDefect; expected: string[]; findings: string[] }
  | { target: 'generic'; defect: GenericDefect; expected: string[]; findings: string[] };

/** `findings`: every finding of the failed results as `check: path rule`, array indices as [*], deduplicated and sorted. */
const CASES: Case[] = [
  {
    target: 'accounts',
    defect: 'wrong-pattern',
    expected: on('response-schema', [LIST, DETAIL]),
    findings: [
      'response-schema: $.data.compeCode maxLength 3',
      'response-schema: $.data.compeCode pattern ^\\d{3}$',
      'response-schema: $.data[*].compeCode maxLength 3',
      'response-schema: $.data[*].compeCode pattern ^\\d{3}$',
    ],
  },
  {
    target: 'accounts',
    defect: 'missing-required',
    expected: on('response-schema', [LIST]),
    findings: ['response-schema: $.data[*].companyCnpj required'],
  },
  {
    target: 'accounts',
    defect: 'bad-enum',
    expected: on('response-schema', [DETAIL]),
    findings: ['response-schema: $.data.subtype enum [INDIVIDUAL, CONJUNTA_SIMPLES, CONJUNTA_SOLIDARIA]'],
  },
  {
    target: 'accounts',
    defect: 'next-on-last-page',
    expected: on('paging-links', [LIST]),
    findings: ['paging-links: $.links.next absent on the last page'],
  },
  {
    target: 'accounts',
    defect: 'wrong-total',
    expected: on('paging-walk', [LIST]),
    findings: ['paging-walk: $.meta.totalRecords items walked = total'],
  },
  {
    target: 'accounts',
    defect: 'ignored-page-size',
    expected: on('page-size-honoured', [LIST]),
    findings: [
      'page-size-honoured: $.data at most 10 items',
      'page-size-honoured: $.data exactly 1000 items before the last page',
      'page-size-honoured: $.meta.totalPages ⌈totalRecords / page-size⌉',
    ],
  },
  {
    target: 'accounts',
    defect: 'accepts-page-size-1001',
    expected: on('page-size-over-max', [LIST, TRANSACTIONS, CURRENT]),
    findings: ['page-size-over-max: - status 422'],
  },
  { target: 'accounts', defect: 'no-auth-accepted', expected: on('auth-required', EVERY), findings: ['auth-required: - status 401'] },
  { target: 'accounts', defect: 'unknown-id-200', expected: on('unknown-id', WITH_ID), findings: ['unknown-id: - status 404'] },
  {
    target: 'accounts',
    defect: 'interaction-id-not-echoed',
    expected: on('interaction-id-echo', EVERY),
    findings: ['interaction-id-echo: header x-fapi-interaction-id echoed'],
  },
  {
    target: 'accounts',
    defect: 'text-plain',
    expected: on('content-type', [BALANCES]),
    findings: ['content-type: header content-type one of application/json'],
  },
  {
    target: 'accounts',
    defect: 'transactions-outside-window',
    expected: on('transactions-in-window', [TRANSACTIONS]),
    findings: ['transactions-in-window: $.data[*].transactionDateTime 2026-04-10 ≤ date ≤ 2026-05-10'],
  },
  { target: 'accounts', defect: 'error-without-errors', expected: on('error-body', EVERY), findings: ['error-body: $.errors required'] },
  {
    target: 'accounts',
    defect: 'ignores-bad-query',
    expected: on('invalid-request-rejected', [LIST, TRANSACTIONS, CURRENT]),
    findings: ['invalid-request-rejected: - status 400|422'],
  },
  {
    target: 'accounts',
    defect: 'overdraft-limits-500',
    expected: on('valid-request', [LIMITS]),
    findings: ['valid-request: - status 200'],
  },
  { target: 'accounts', defect: 'no-date-header', expected: on('date-header', EVERY), findings: ['date-header: header date required'] },
  {
    target: 'accounts',
    defect: 'interaction-id-optional',
    expected: on('interaction-id-required', EVERY),
    findings: ['interaction-id-required: - status 400'],
  },
  {
    target: 'accounts',
    defect: 'request-date-time-with-space',
    expected: on('request-date-time', EVERY),
    findings: ['request-date-time: $.meta.requestDateTime yyyy-MM-ddTHH:mm:ssZ (maxLength 20)'],
  },
  {
    target: 'accounts',
    defect: 'ignores-permissions',
    expected: on('permission-required', EVERY),
    findings: ['permission-required: - status 403'],
  },
  {
    target: 'accounts',
    defect: 'current-serves-old-window',
    expected: on('transactions-current-old-window', [CURRENT]),
    findings: ['transactions-current-old-window: - status 422'],
  },
  {
    target: 'accounts',
    defect: 'total-drifts-between-pages',
    expected: on('paging-meta', [LIST]),
    findings: ['paging-meta: $.meta.totalRecords same totalRecords on every page'],
  },
  {
    target: 'accounts',
    defect: 'list-page-size-max-999',
    expected: on('page-size-max-accepted', [LIST]),
    findings: ['page-size-max-accepted: - status 200'],
  },
  {
    target: 'accounts',
    defect: 'detail-disagrees-with-list',
    expected: on('list-detail-consistency', [DETAIL]),
    findings: ['list-detail-consistency: $.data.checkDigit same as the list'],
  },
  {
    target: 'accounts',
    defect: 'ignores-method',
    expected: on('method-not-allowed', EVERY),
    findings: ['method-not-allowed: - status 405'],
  },
  { target: 'accounts', defect: 'ignores-accept', expected: on('not-acceptable', EVERY), findings: ['not-acceptable: - status 406'] },
  {
    target: 'generic',
    defect: 'undocumented-422',
    expected: on('status-documented', [GENERIC]),
    findings: ['status-documented: - documented status'],
  },
  {
    target: 'generic',
    defect: 'header-not-integer',
    expected: on('response-headers', [GENERIC]),
    findings: ['response-headers: header X-Rate-Limit-Remaining type integer'],
  },
];

async function runAgainst(target: Case['target'], defect?: Case['defect']): Promise<RunResults> {
  if (target === 'generic') {
    const fixture = await startGenericFixture({ defect: defect as GenericDefect | undefined });
    try {
      return await runQuietly({ suites: [{ spec: GENERIC_SPEC, target: fixture.url }], params: { itemId: GENERIC_ITEM }, now: NOW });
    } finally {
      await fixture.close();
    }
  }
  const fixture = await startAccountsFixture({ defect: defect as AccountsDefect | undefined, now: () => NOW });
  try {
    return await runQuietly({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }],
      token: 'full-token-1234',
      tokenWithoutPermissions: LIMITED_TOKEN,
      now: NOW,
    });
  } finally {
    await fixture.close();
  }
}

function findingsOf(run: RunResults): string[] {
  const described = run.results
    .filter((r) => r.status === 'failed')
    .flatMap((r) => (r.findings ?? []).map((f) => `${r.check}: ${(f.path ?? '-').replace(/\[\d+\]/g, '[*]')} ${f.rule ?? '-'}`));
  return [...new Set(described)].sort();
}

describe('broken fixture servers, one defect each', () => {
  it('the correct Open Finance fixture passes every check, with nothing skipped', async () => {
    const run = await runAgainst('accounts');
    expect(describeFailures(run)).toBe('');
    expect(run.summary.skipped).toBe(0);
    expect(run.summary.passed).toBeGreaterThan(100);
    expect(run.verdict).toBe('pass');
  });

  it('the correct generic fixture passes every check that applies', async () => {
    const run = await runAgainst('generic');
    expect(describeFailures(run)).toBe('');
    expect(run.results.filter((r) => r.status === 'passed').map((r) => r.check)).toContain('response-headers');
    expect(run.verdict).toBe('pass');
  });

  it('every registered check is made to fail by at least one defect below', () => {
    const failing = new Set(CASES.flatMap((c) => c.expected.map((pair) => pair.split(' @ ')[0])));
    expect(CHECKS.map((check) => check.id).filter((id) => !failing.has(id))).toEqual([]);
  });

  it.each(CASES)(
    '$target: $defect is reported by exactly its check, operations and findings',
    async ({ target, defect, expected, findings }) => {
      const run = await runAgainst(target, defect);
      expect(failedPairs(run), describeFailures(run)).toEqual(expected);
      expect(findingsOf(run)).toEqual(findings);
      expect(run.verdict).toBe('fail');
      expect(run.results.some((r) => r.check === 'check-error')).toBe(false);
    },
  );

  it('names the field, the rule and the value of a schema failure', async () => {
    const run = await runAgainst('accounts', 'wrong-pattern');
    const result = run.results.find((r) => r.status === 'failed' && r.operation === DETAIL)!;
    const finding = result.findings!.find((f) => f.rule?.startsWith('pattern'))!;
    expect(finding).toMatchObject({ path: '$.data.compeCode', rule: 'pattern ^\\d{3}$', actual: '3411' });
    expect(result.request?.url).toMatch(/\/accounts\/acc-\d{4}$/);
    expect(result.response?.status).toBe(200);
  });
});
