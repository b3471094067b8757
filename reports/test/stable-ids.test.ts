/**
 * Result ids are what CI history, `report diff`, `--shard` and `replay` key on:
 * two runs against targets with different defects must name every testcase
 * the same, whatever their messages say. And every failure carries a curl
 * command that reproduces it without the token in it.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsDefect } from '../../fixtures/ofb-accounts-fixture.ts';
import { runSuite } from '../../suites/engine/run-suite.ts';
import type { RunResults } from '../../suites/result-model.ts';
import { buildJUnit } from '../junit.ts';

const NOW = new Date('2026-05-10T12:00:00Z');
const TOKEN = 'full-token-stable-ids-1234';

async function runAgainst(defect: AccountsDefect): Promise<RunResults> {
  const fixture = await startAccountsFixture({ defect, now: () => NOW });
  try {
    return await runSuite({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }],
      token: TOKEN,
      tokenWithoutPermissions: LIMITED_TOKEN,
      now: NOW,
      timeoutMs: 3_000,
    });
  } finally {
    await fixture.close();
  }
}

function testcaseNames(run: RunResults): string[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  const parsed = parser.parse(buildJUnit(run)) as { testsuites: { testsuite: Array<{ testcase: Array<{ name: string }> }> } };
  return parsed.testsuites.testsuite.flatMap((suite) => suite.testcase.map((testcase) => testcase.name));
}

describe('stable result ids', () => {
  it('names every JUnit testcase the same in two runs against targets with different defects', async () => {
    const schema = await runAgainst('wrong-pattern');
    const paging = await runAgainst('wrong-total');
    // The defects differ, so the messages do: the names must not.
    const failing = (run: RunResults) => run.results.filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failing(schema)).not.toEqual(failing(paging));
    expect(failing(schema).length).toBeGreaterThan(0);

    const names = testcaseNames(schema);
    expect(testcaseNames(paging)).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+@[A-Za-z0-9]+(#[a-z0-9-]+)?$/);
    expect(names).toContain('response-schema@accountsGetAccounts');
    expect(schema.results.map((r) => r.id)).toEqual(names);
  });

  it('gives every failure a curl command with the token as $AFERIR_TOKEN, never its value', async () => {
    const run = await runAgainst('wrong-pattern');
    const failures = run.results.filter((r) => r.status === 'failed');
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.curl, failure.id).toMatch(/^curl -i /);
      expect(failure.curl).toContain(new URL(failure.request!.url).pathname);
      expect(JSON.stringify(failure)).not.toContain(TOKEN);
    }
    expect(run.results.filter((r) => r.status === 'passed' && r.curl)).toEqual([]);
    const schema = run.results.find((r) => r.id === 'response-schema@accountsGetAccounts');
    expect(schema?.status).toBe('failed');
    expect(schema?.curl).toContain('-H "authorization: Bearer ${AFERIR_TOKEN}"');
  });
});
