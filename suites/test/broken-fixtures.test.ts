/**
 * The broken servers of issue 5: a correct fixture server with exactly one
 * defect switched on. The suite must report that defect as a failure of the
 * right check on the right operations, with exactly the expected findings —
 * and nothing else. Every registered check has at least one defect here that
 * makes it fail (fixtures/defect-cases.ts), so a new check without a failing
 * test fails this file.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/registry.ts';
import type { RunResults } from '../result-model.ts';
import { existsSync } from 'node:fs';
import { DEFECT_CASES, DEFECTS_TESTED_ELSEWHERE, DETAIL, type DefectCase } from './fixtures/defect-cases.ts';
import { GENERIC_ITEM, startGenericFixture, type GenericDefect } from './fixtures/generic-fixture.ts';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsDefect } from '../../fixtures/ofb-accounts-fixture.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const GENERIC_SPEC = fileURLToPath(new URL('./fixtures/generic-spec.yaml', import.meta.url));
/** A fixed clock for the fixture and the run, so window findings name the same dates every day. */
const NOW = new Date('2026-05-10T12:00:00Z');

async function runAgainst(target: DefectCase['target'], defect?: DefectCase['defect']): Promise<RunResults> {
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

  it('every registered check is made to fail by at least one defect', () => {
    const failing = new Set(DEFECT_CASES.flatMap((c) => c.expected.map((pair) => pair.split(' @ ')[0])));
    for (const [id, file] of Object.entries(DEFECTS_TESTED_ELSEWHERE)) {
      expect(existsSync(fileURLToPath(new URL(`./${file}`, import.meta.url))), file).toBe(true);
      failing.add(id);
    }
    expect(CHECKS.map((check) => check.id).filter((id) => !failing.has(id))).toEqual([]);
  });

  it.each(DEFECT_CASES)(
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
