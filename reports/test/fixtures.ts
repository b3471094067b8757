/**
 * Hand-built RunResults for the report tests: a realistic Open Finance
 * Accounts run (passes, a schema failure with a JSON path, a paging failure,
 * a warning, a skip), hostile strings a target could send, and a generator
 * for large runs.
 */
import {
  summarise,
  verdictOf,
  type CheckInfo,
  type CheckResult,
  type OperationCoverage,
  type RunResults,
  type Severity,
} from '../../suites/result-model.ts';

export const TARGET = 'https://api.banco.example/open-banking/accounts/v2';
export const TOKEN = 'eyJhbGciOiJQUzI1NiJ9.c2VjcmV0LXRva2VuLWZvci10ZXN0cw.sig-5f1e9a';

export const CHECKS: CheckInfo[] = [
  {
    id: 'response-schema',
    description: 'The response body matches the JSON Schema the spec documents for its status code.',
    severity: 'error',
  },
  {
    id: 'paging-links',
    description: 'links.self is present; first page has no prev, last page has no next; links.last points at totalPages.',
    severity: 'error',
  },
  { id: 'fapi-interaction-id-echo', description: 'The response echoes the x-fapi-interaction-id the request sent.', severity: 'error' },
  { id: 'status-code-documented', description: 'Every status code returned is documented for the operation.', severity: 'warning' },
  { id: 'forbidden-without-permission', description: 'A token without the ACCOUNTS_READ permission gets 403.', severity: 'error' },
];

export const COVERAGE: OperationCoverage[] = [
  {
    spec: 'ofb-accounts-2.4.1',
    operation: 'accountsGetAccounts',
    method: 'GET',
    path: '/accounts',
    exercised: true,
    documentedStatuses: ['200', '400', '401', '403', '404', '405', '406', '422', '429', '500', '503', '504', '529'],
    exercisedStatuses: ['200', '422'],
  },
  {
    spec: 'ofb-accounts-2.4.1',
    operation: 'accountsGetAccountsAccountId',
    method: 'GET',
    path: '/accounts/{accountId}',
    exercised: true,
    documentedStatuses: ['200', '400', '401', '403', '404', '429', '500'],
    exercisedStatuses: ['200', '418'],
  },
  {
    spec: 'ofb-accounts-2.4.1',
    operation: 'accountsGetAccountsAccountIdBalances',
    method: 'GET',
    path: '/accounts/{accountId}/balances',
    exercised: true,
    documentedStatuses: ['200', '400', '401', '403', '404'],
    exercisedStatuses: ['200'],
  },
  {
    spec: 'ofb-accounts-2.4.1',
    operation: 'accountsGetAccountsAccountIdTransactions',
    method: 'GET',
    path: '/accounts/{accountId}/transactions',
    exercised: false,
    documentedStatuses: ['200', '400', '401', '403', '404', '422'],
    exercisedStatuses: [],
  },
];

const ACCOUNT_LIST_BODY = JSON.stringify({
  data: [
    {
      brandName: 'Banco Exemplo',
      companyCnpj: '50685362000135',
      type: 'CONTA_DEPOSITO_A_VISTA',
      compeCode: '001',
      branchCode: '6272',
      number: '94088392',
      checkDigit: '4',
      accountId: 'not a valid id!',
    },
    {
      brandName: 'Banco Exemplo',
      companyCnpj: '50685362000135',
      type: 'CONTA_POUPANCA',
      compeCode: '001',
      branchCode: '6272',
      number: '11188222',
      checkDigit: '7',
      accountId: '291e5a29-49ed-401f-a583-193caa7aceee',
    },
  ],
  links: { self: `${TARGET}/accounts?page=1&page-size=25`, next: `${TARGET}/accounts?page=2&page-size=25` },
  meta: { totalRecords: 2, totalPages: 1, requestDateTime: '2025-11-23T13:38:02Z' },
});

const BALANCES_BODY = JSON.stringify({
  data: {
    availableAmount: { amount: '1200.50', currency: 'BRL' },
    blockedAmount: { amount: '0.00', currency: 'BRL' },
    automaticallyInvestedAmount: { amount: '0.00', currency: 'BRL' },
  },
  links: { self: `${TARGET}/accounts/291e5a29/balances` },
  meta: { requestDateTime: '2025-11-23T13:38:03Z' },
});

/** Results shaped like the engine's; `overrides` wins. */
export function makeResult(overrides: Partial<CheckResult> & Pick<CheckResult, 'id' | 'check' | 'operation' | 'status'>): CheckResult {
  return {
    spec: 'ofb-accounts-2.4.1',
    severity: overrides.status === 'warning' ? 'warning' : 'error',
    message: overrides.status === 'passed' ? 'ok' : 'does not conform',
    durationMs: 42,
    ...overrides,
  };
}

export function makeRun(results: CheckResult[], overrides: Partial<RunResults> = {}): RunResults {
  const failOn: Severity = overrides.failOn ?? 'error';
  const summary = summarise(results);
  return {
    tool: { name: 'aferir', version: '0.1.0' },
    target: TARGET,
    spec: 'ofb-accounts-2.4.1',
    specs: [
      {
        id: 'ofb-accounts-2.4.1',
        title: 'Open Finance Brasil – Accounts',
        version: '2.4.1',
        source: 'specs/bundled/ofb-accounts-2.4.1.yaml',
        basePath: '/open-banking/accounts/v2',
      },
    ],
    startedAt: '2025-11-23T13:38:00.000Z',
    finishedAt: '2025-11-23T13:38:12.345Z',
    durationMs: 12_345,
    failOn,
    verdict: verdictOf(summary, failOn),
    summary,
    checks: CHECKS,
    coverage: COVERAGE,
    results,
    ...overrides,
  };
}

const request = (url: string) => ({
  method: 'GET',
  url,
  headers: { accept: 'application/json', authorization: '[redacted]', 'x-fapi-interaction-id': 'b2a0c9e4-3c1f-4d7e-9a51-6f0e2d7c8b11' },
});
const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  date: 'Sun, 23 Nov 2025 13:38:02 GMT',
  'x-fapi-interaction-id': 'b2a0c9e4-3c1f-4d7e-9a51-6f0e2d7c8b11',
};

/** One of each kind of result a real Accounts run produces. */
export function accountsResults(): CheckResult[] {
  return [
    makeResult({
      id: 'r1',
      check: 'response-schema',
      operation: 'accountsGetAccounts',
      status: 'failed',
      message: 'The 200 body does not match the schema: $.data[0].accountId does not match ^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$',
      findings: [
        {
          message: 'must match pattern',
          path: '$.data[0].accountId',
          rule: 'pattern ^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$',
          expected: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$',
          actual: 'not a valid id!',
        },
      ],
      request: request(`${TARGET}/accounts?page-size=25`),
      response: { status: 200, headers: jsonHeaders, body: ACCOUNT_LIST_BODY, bodyBytes: ACCOUNT_LIST_BODY.length, durationMs: 183 },
    }),
    makeResult({
      id: 'r2',
      check: 'paging-links',
      operation: 'accountsGetAccounts',
      status: 'failed',
      message: 'links.next is present on the last page (totalPages = 1)',
      findings: [
        {
          message: 'the last page must not have a next link',
          path: '$.links.next',
          rule: 'absent when page = totalPages',
          expected: undefined,
          actual: `${TARGET}/accounts?page=2&page-size=25`,
        },
      ],
      request: request(`${TARGET}/accounts?page-size=25`),
      response: { status: 200, headers: jsonHeaders, body: ACCOUNT_LIST_BODY, bodyBytes: ACCOUNT_LIST_BODY.length, durationMs: 183 },
    }),
    makeResult({
      id: 'r3',
      check: 'fapi-interaction-id-echo',
      operation: 'accountsGetAccounts',
      status: 'passed',
      message: 'x-fapi-interaction-id echoed',
      request: request(`${TARGET}/accounts`),
      response: { status: 200, headers: jsonHeaders, durationMs: 90 },
    }),
    makeResult({
      id: 'r4',
      check: 'response-schema',
      operation: 'accountsGetAccountsAccountIdBalances',
      status: 'passed',
      message: 'the 200 body matches the schema',
      request: request(`${TARGET}/accounts/291e5a29/balances`),
      response: { status: 200, headers: jsonHeaders, body: BALANCES_BODY, durationMs: 77 },
    }),
    makeResult({
      id: 'r5',
      check: 'status-code-documented',
      operation: 'accountsGetAccountsAccountId',
      status: 'warning',
      severity: 'warning',
      message: 'status 418 is not documented for GET /accounts/{accountId}',
      request: request(`${TARGET}/accounts/00000000-0000-0000-0000-000000000000`),
      response: { status: 418, headers: { 'content-type': 'text/plain' }, body: "I'm a teapot", durationMs: 12 },
    }),
    makeResult({
      id: 'r6',
      check: 'forbidden-without-permission',
      operation: 'accountsGetAccounts',
      status: 'skipped',
      message: 'no --token-without-permissions given',
    }),
    makeResult({
      id: 'r7',
      check: 'fapi-interaction-id-echo',
      operation: 'accountsGetAccountsAccountIdBalances',
      status: 'passed',
      message: 'x-fapi-interaction-id echoed',
    }),
  ];
}

export function accountsRun(overrides: Partial<RunResults> = {}): RunResults {
  return makeRun(accountsResults(), overrides);
}

/** Strings a hostile or broken target could put anywhere in a response. */
export const HOSTILE = {
  script: '<script>window.__pwned = 1</script>',
  closeScript: '</script><script>window.__pwned = 2</script>',
  img: '<img src=x onerror="window.__pwned = 3">',
  cdataEnd: ']]>',
  controls: 'nul\u0000 bell\u0007 esc\u001b vt\u000b ff\u000c',
  lineSeparators: 'line\u2028separator\u2029paragraph',
  markdown: '# Heading [click](https://evil.example) ![x](https://evil.example/x.png) <b>bold</b> | pipe `code` **strong**',
  loneSurrogate: 'broken \uD800 surrogate',
};

export const HOSTILE_TEXT = Object.values(HOSTILE).join(' ');

/** A failing result whose every target-supplied field is hostile. */
export function hostileResult(id = 'h1'): CheckResult {
  const body = JSON.stringify({ data: { accountId: HOSTILE_TEXT, nested: { [HOSTILE.script]: HOSTILE.img } }, note: HOSTILE.closeScript });
  return makeResult({
    id,
    check: 'response-schema',
    operation: 'accountsGetAccountsAccountId',
    status: 'failed',
    message: `schema violation ${HOSTILE_TEXT}`,
    findings: [
      { message: HOSTILE_TEXT, path: '$.data.accountId', rule: `pattern ${HOSTILE.cdataEnd}`, expected: HOSTILE.img, actual: HOSTILE_TEXT },
    ],
    request: { method: 'GET', url: `${TARGET}/accounts/${encodeURIComponent(HOSTILE.script)}`, headers: { 'x-custom': HOSTILE.img } },
    response: { status: 200, headers: { 'content-type': 'application/json', 'x-echo': HOSTILE.closeScript }, body },
  });
}

const OPERATIONS = COVERAGE.map((entry) => entry.operation);
const CHECK_IDS = CHECKS.map((check) => check.id);

/** A large run: `count` results spread over the Accounts operations, about 2% failing. */
export function bigRun(count: number): RunResults {
  const results: CheckResult[] = [];
  for (let index = 0; index < count; index++) {
    const operation = OPERATIONS[index % OPERATIONS.length];
    const failing = index % 50 === 7;
    const warning = !failing && index % 97 === 3;
    const check = failing ? 'response-schema' : warning ? 'status-code-documented' : CHECK_IDS[index % CHECK_IDS.length];
    const status = failing ? 'failed' : warning ? 'warning' : 'passed';
    results.push(
      makeResult({
        id: `r${index}`,
        check,
        operation,
        status,
        severity: warning ? 'warning' : 'error',
        message: failing
          ? `$.data[0].accountId on page ${index} does not match the pattern`
          : warning
            ? 'status 418 is not documented for GET /accounts'
            : `page ${index} conforms`,
        findings: failing
          ? [
              {
                message: 'must match pattern',
                path: '$.data[0].accountId',
                rule: 'pattern ^[a-zA-Z0-9-]{1,100}$',
                actual: 'not a valid id!',
              },
            ]
          : undefined,
        request: request(`${TARGET}/accounts?page=${index}&page-size=25`),
        response: {
          status: 200,
          headers: jsonHeaders,
          body: ACCOUNT_LIST_BODY,
          bodyBytes: ACCOUNT_LIST_BODY.length,
          durationMs: 20 + (index % 200),
        },
      }),
    );
  }
  return makeRun(results);
}
