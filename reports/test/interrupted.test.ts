/**
 * An interrupted run says so in every format — results.json (a flag and the
 * signal, the contract's fields unchanged), junit.xml (a property on every
 * suite and a run-level error CI tabs show), summary.md, the HTML title and
 * the terminal summary — and its verdict is never PASS, even when nothing
 * that ran failed.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { painter, summaryText } from '../../cli/run/summary.ts';
import { verdictOf, type RunResults } from '../../suites/result-model.ts';
import { buildHtml, loadHtmlAssets } from '../html/build.ts';
import { buildJUnit } from '../junit.ts';
import { buildMarkdownSummary } from '../markdown.ts';
import { buildResultsJson } from '../results-json.ts';
import { accountsResults, makeResult, makeRun } from '../../fixtures/runs.ts';

/** Everything that ran passed; then SIGINT: two checks and one operation never ran. */
function interruptedRun(): RunResults {
  const results = [
    ...accountsResults().filter((r) => r.status === 'passed'),
    makeResult({
      id: 'n1',
      check: 'response-schema',
      operation: 'accountsGetAccountsAccountIdTransactions',
      status: 'skipped',
      message: 'skipped: the run was interrupted (SIGINT) before this check ran',
    }),
    makeResult({
      id: 'n2',
      check: 'paging-links',
      operation: 'accountsGetAccountsAccountIdTransactions',
      status: 'skipped',
      message: 'skipped: the run was interrupted (SIGINT) before this check ran',
    }),
  ];
  const run = makeRun(results);
  return {
    ...run,
    verdict: verdictOf(run.summary, run.failOn, true),
    interrupted: true,
    interruption: { signal: 'SIGINT', operationsNotRun: 1, checksNotRun: 2 },
  };
}

describe('an interrupted run in every format', () => {
  it('the verdict is fail even when nothing that ran failed', () => {
    const run = interruptedRun();
    expect(run.summary.failed).toBe(0);
    expect(run.verdict).toBe('fail');
    expect(verdictOf(run.summary, 'error')).toBe('pass');
  });

  it('results.json: the contract fields as before, then interrupted and interruption after the verdict', () => {
    const json = JSON.parse(buildResultsJson(interruptedRun()));
    expect(Object.keys(json).slice(0, 12)).toEqual([
      'tool',
      'target',
      'spec',
      'specs',
      'startedAt',
      'finishedAt',
      'durationMs',
      'failOn',
      'verdict',
      'interrupted',
      'interruption',
      'summary',
    ]);
    expect(json.interrupted).toBe(true);
    expect(json.interruption).toEqual({ signal: 'SIGINT', operationsNotRun: 1, checksNotRun: 2 });
    expect(json.summary).toMatchObject({ passed: 3, failed: 0, skipped: 2 });
    expect(JSON.parse(buildResultsJson(makeRun(accountsResults())))).not.toHaveProperty('interrupted');
  });

  it('junit.xml: an interrupted property on every suite and one run-level error', () => {
    const xml = buildJUnit(interruptedRun());
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(xml);
    const root = doc.testsuites;
    expect(root.name).toMatch(/interrupted by SIGINT/);
    expect(Number(root.errors)).toBe(1);
    const suites = root.testsuite as Array<{
      tests: string;
      properties: { property: unknown };
      testcase: Array<{ error?: { message: string } }>;
    }>;
    for (const suite of suites) {
      expect(suite.properties.property).toContainEqual({ name: 'interrupted', value: 'SIGINT' });
    }
    const errors = suites.flatMap((suite) => suite.testcase.filter((testcase) => testcase.error));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error?.message).toMatch(/interrupted by SIGINT: 1 operation and 2 checks did not run/);
    expect(Number(root.tests)).toBe(suites.reduce((sum, suite) => sum + Number(suite.tests), 0));
  });

  it('summary.md: INTERRUPTED in the heading and what did not run', () => {
    const md = buildMarkdownSummary(interruptedRun());
    expect(md.split('\n')[0]).toBe('## ⚠️ aferir conformance: INTERRUPTED');
    expect(md).toMatch(/interrupted by SIGINT.*1 operation and 2 checks did not run/i);
    expect(md).not.toMatch(/PASS/);
  });

  it('index.html: INTERRUPTED in the title', async () => {
    const html = buildHtml(interruptedRun(), await loadHtmlAssets());
    expect(html).toMatch(/<title>INTERRUPTED · ofb-accounts-2\.4\.1 · aferir report<\/title>/);
  });

  it('the terminal summary: INTERRUPTED instead of PASS, with what did not run', () => {
    const text = summaryText(interruptedRun(), ['reports/latest/index.html'], painter(process.stdout, { NO_COLOR: '1' }));
    const last = text.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^INTERRUPTED by SIGINT: 1 operation and 2 checks did not run/);
    expect(text).not.toMatch(/\bPASS\b/);
    expect(text).toMatch(/Report: reports\/latest\/index\.html/);
  });
});
