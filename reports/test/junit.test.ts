import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckResult, RunResults } from '../../suites/result-model.ts';
import { buildJUnit } from '../junit.ts';
import { HOSTILE, HOSTILE_TEXT, accountsResults, accountsRun, hostileResult, makeResult, makeRun } from '../../fixtures/runs.ts';

interface Parsed {
  testsuites: Record<string, string> & {
    testsuite: Array<Record<string, string> & { testcase: Array<Record<string, unknown>> }>;
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Parsed;
}

/** Characters XML 1.0 forbids, even as references. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function onlyCase(run: RunResults): Record<string, unknown> {
  const suites = parse(buildJUnit(run)).testsuites.testsuite;
  expect(suites).toHaveLength(1);
  return suites[0]!.testcase[0]!;
}

describe('buildJUnit', () => {
  it('puts the run summary on <testsuites> and per-operation counts that add up to it', () => {
    const run = accountsRun();
    const root = parse(buildJUnit(run)).testsuites;
    expect(Number(root.tests)).toBe(run.summary.total);
    expect(Number(root.failures)).toBe(run.summary.failed);
    expect(Number(root.skipped)).toBe(run.summary.skipped);
    expect(Number(root.errors)).toBe(0);
    expect(root.time).toBe('12.345');
    const sum = (key: string) => root.testsuite.reduce((total, suite) => total + Number(suite[key]), 0);
    expect(sum('tests')).toBe(run.summary.total);
    expect(sum('failures')).toBe(run.summary.failed);
    expect(sum('skipped')).toBe(run.summary.skipped);
    for (const suite of root.testsuite) expect(Number(suite.tests)).toBe(suite.testcase.length);
  });

  it('has one <testsuite> per operation, named spec › operation, in coverage order', () => {
    const names = parse(buildJUnit(accountsRun())).testsuites.testsuite.map((suite) => suite.name);
    expect(names).toEqual([
      'ofb-accounts-2.4.1 › accountsGetAccounts',
      'ofb-accounts-2.4.1 › accountsGetAccountsAccountId',
      'ofb-accounts-2.4.1 › accountsGetAccountsAccountIdBalances',
    ]);
  });

  const cases: Array<{
    name: string;
    result: CheckResult;
    failOn?: 'error' | 'warning';
    expect: (testcase: Record<string, unknown>) => void;
  }> = [
    {
      name: 'a passed result is an empty testcase',
      result: makeResult({
        id: 'fapi-interaction-id-echo@accountsGetAccounts',
        check: 'fapi-interaction-id-echo',
        operation: 'accountsGetAccounts',
        status: 'passed',
        message: 'echoed',
      }),
      expect: (testcase) => {
        expect(testcase.name).toBe('fapi-interaction-id-echo@accountsGetAccounts');
        expect(testcase.classname).toBe('ofb-accounts-2.4.1.accountsGetAccounts');
        expect(testcase.failure).toBeUndefined();
        expect(testcase.skipped).toBeUndefined();
      },
    },
    {
      name: 'a failed result has a <failure> with the findings and the evidence',
      result: accountsResults()[0]!,
      expect: (testcase) => {
        const failure = testcase.failure as Record<string, string>;
        expect(failure.message).toContain('$.data[0].accountId does not match');
        expect(failure.type).toBe('response-schema (error)');
        expect(failure['#text']).toContain('$.data[0].accountId pattern ^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$: must match pattern');
        expect(failure['#text']).toContain('actual:   "not a valid id!"');
        expect(failure['#text']).toContain('request: GET https://api.banco.example/open-banking/accounts/v2/accounts?page-size=25');
        expect(failure['#text']).toContain('response: 200 (183 ms, 689 B)');
        expect(failure['#text']).toContain('"accountId": "not a valid id!"');
        expect(failure['#text']).toContain('check: The response body matches the JSON Schema');
      },
    },
    {
      name: 'a skipped result has <skipped> with its reason',
      result: accountsResults()[5]!,
      expect: (testcase) => expect(testcase.skipped).toEqual({ message: 'no --token-without-permissions given' }),
    },
    {
      name: 'a warning passes with its details in <system-out> when the run fails on errors',
      result: accountsResults()[4]!,
      expect: (testcase) => {
        expect(testcase.failure).toBeUndefined();
        expect(testcase['system-out']).toContain('status 418 is not documented');
        expect(testcase['system-out']).toContain("I'm a teapot");
      },
    },
    {
      name: 'a warning is a failure when the run fails on warnings',
      result: accountsResults()[4]!,
      failOn: 'warning',
      expect: (testcase) => {
        expect((testcase.failure as Record<string, string>).type).toBe('status-code-documented (warning)');
        expect(testcase['system-out']).toBeUndefined();
      },
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => testCase.expect(onlyCase(makeRun([testCase.result], { failOn: testCase.failOn ?? 'error' }))));
  }

  it("quotes a finding's own severity and the exchange it is about", () => {
    const result = makeResult({
      id: 'f',
      check: 'response-schema',
      operation: 'accountsGetAccounts',
      status: 'failed',
      findings: [
        {
          message: 'pattern on a number',
          path: '$.meta.totalRecords',
          rule: 'pattern',
          severity: 'warning',
          exchange: 'GET /accounts?page=2&page-size=10 → 200',
        },
      ],
    });
    const failure = onlyCase(makeRun([result])).failure as Record<string, string>;
    expect(failure['#text']).toContain(
      '- $.meta.totalRecords pattern: pattern on a number (warning)\n    on: GET /accounts?page=2&page-size=10 → 200',
    );
  });

  it('counts warnings as failures on every element when the run fails on warnings', () => {
    const run = accountsRun({ failOn: 'warning' });
    const root = parse(buildJUnit(run)).testsuites;
    expect(Number(root.failures)).toBe(run.summary.failed + run.summary.warnings);
    expect(root.testsuite.reduce((total, suite) => total + Number(suite.failures), 0)).toBe(run.summary.failed + run.summary.warnings);
  });

  it('names each testcase by its result id and puts the message in the failure, so a new message keeps the name', () => {
    const failing = (message: string) =>
      makeResult({
        id: 'paging-links@accountsGetAccounts',
        check: 'paging-links',
        operation: 'accountsGetAccounts',
        status: 'failed',
        message,
      });
    const first = parse(buildJUnit(makeRun([failing('links.self is missing')]))).testsuites.testsuite[0]!.testcase[0]!;
    const second = parse(buildJUnit(makeRun([failing('links.next points at page 9 of 3')]))).testsuites.testsuite[0]!.testcase[0]!;
    expect(first.name).toBe('paging-links@accountsGetAccounts');
    expect(second.name).toBe(first.name);
    expect((second.failure as Record<string, string>).message).toBe('links.next points at page 9 of 3');
  });

  it('keeps testcase names unique if a file repeats an id', () => {
    const twin = (message: string) =>
      makeResult({
        id: 'paging-links@accountsGetAccounts',
        check: 'paging-links',
        operation: 'accountsGetAccounts',
        status: 'failed',
        message,
      });
    const testcases = parse(buildJUnit(makeRun([twin('a'), twin('b')]))).testsuites.testsuite[0]!.testcase;
    expect(new Set(testcases.map((testcase) => testcase.name)).size).toBe(2);
  });

  it('puts the curl command of a failure in its body', () => {
    const result = makeResult({
      id: 'valid-request@accountsGetAccounts',
      check: 'valid-request',
      operation: 'accountsGetAccounts',
      status: 'failed',
      curl: 'curl -i "https://api.banco.example/accounts" -H "authorization: Bearer ${AFERIR_TOKEN}"',
    });
    const failure = onlyCase(makeRun([result])).failure as Record<string, string>;
    expect(failure['#text']).toContain(
      'reproduce:\ncurl -i "https://api.banco.example/accounts" -H "authorization: Bearer ${AFERIR_TOKEN}"',
    );
  });

  it('writes no testsuite for an operation without results and a valid document for an empty run', () => {
    const root = parse(buildJUnit(makeRun([]))).testsuites;
    expect(root.tests).toBe('0');
    expect(root.testsuite).toBeUndefined();
  });

  it('keeps hostile target text inert: escaped, never CDATA, no forbidden characters', () => {
    const run = makeRun([...accountsResults(), hostileResult()]);
    const xml = buildJUnit(run);
    expect(xml).not.toMatch(XML_FORBIDDEN);
    expect(xml).not.toContain('<![CDATA[');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('\\u0000');
    const suites = parse(xml).testsuites.testsuite;
    const hostile = suites.flatMap((suite) => suite.testcase).find((testcase) => testcase.name === hostileResult().id);
    const failure = hostile?.failure as Record<string, string>;
    expect(failure.message).toContain(HOSTILE.script);
    expect(failure.message).toContain(HOSTILE.img);
    expect(failure['#text']).toContain(HOSTILE.closeScript);
    expect(failure['#text']).toContain(`pattern ${HOSTILE.cdataEnd}`);
    expect(failure['#text']).toContain('x-echo: </script><script>');
    expect(HOSTILE_TEXT).toContain('\u2028');
  });

  it('round-trips any message through a parser (property)', () => {
    const anyChar = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 40 }), (message) => {
        const result = makeResult({ id: 'x', check: 'response-schema', operation: 'accountsGetAccounts', status: 'failed', message });
        const xml = buildJUnit(makeRun([result]));
        expect(xml).not.toMatch(XML_FORBIDDEN);
        const testcase = parse(xml).testsuites.testsuite[0]!.testcase[0]!;
        const visible = message.replace(new RegExp(XML_FORBIDDEN.source, 'g'), '');
        // Whatever XML cannot carry is shown as \uXXXX; everything else comes back as it was.
        expect(String((testcase.failure as Record<string, string>).message).replace(/\\u[0-9A-F]{4}/g, '')).toBe(
          visible.replace(/\\u[0-9A-F]{4}/g, ''),
        );
      }),
      { numRuns: 300 },
    );
  });
});
