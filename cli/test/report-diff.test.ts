/**
 * `aferir report diff base new`: new failures, fixed and unchanged by result
 * id, and the exit code CI gates on (`--fail-on new|any|none`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResult, makeRun } from '../../fixtures/runs.ts';
import { buildResultsJson } from '../../reports/results-json.ts';
import type { CheckResult } from '../../suites/result-model.ts';
import { runCli } from './run-cli.ts';

let dir: string;
const result = (id: string, status: CheckResult['status'], message: string = status) =>
  makeResult({ id, check: id.split('@')[0]!, operation: id.split('@')[1]!, status, message });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aferir-diff-'));
  const base = makeRun([
    result('response-schema@list', 'failed', 'compeCode off its pattern'),
    result('paging-links@list', 'failed'),
    result('unknown-id@detail', 'passed'),
    result('auth-required@detail', 'passed'),
    result('page-size-over-max@list', 'failed'),
  ]);
  const next = makeRun([
    result('response-schema@list', 'failed', 'now a different message'),
    result('paging-links@list', 'passed'),
    result('unknown-id@detail', 'failed', 'an unknown id answered 200'),
    result('auth-required@detail', 'passed'),
  ]);
  await writeFile(path.join(dir, 'base.json'), buildResultsJson(base));
  await writeFile(path.join(dir, 'new.json'), buildResultsJson(next));
  await writeFile(path.join(dir, 'fixed.json'), buildResultsJson(makeRun([result('response-schema@list', 'failed')])));
  await writeFile(path.join(dir, 'junk.json'), '{"results": [{"status": "failed"}]}');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('aferir report diff', () => {
  it('lists new failures, fixed and still failing by result id, whatever the messages say, and exits 1 on a new failure', async () => {
    const out = await runCli(['report', 'diff', 'base.json', 'new.json'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('1 new failures, 1 fixed, 1 still failing, 1 no longer run, 1 unchanged');
    expect(out.stdout).toContain('New failures (1):\n  unknown-id@detail: an unknown id answered 200');
    expect(out.stdout).toContain('Fixed (1):\n  paging-links@list');
    expect(out.stdout).toContain('Still failing (1):\n  response-schema@list: now a different message');
    expect(out.stdout).toContain('Failing before, no longer run (1):\n  page-size-over-max@list');
  });

  it('--json gives the ids of each list', async () => {
    const out = await runCli(['report', 'diff', 'base.json', 'new.json', '--json'], { cwd: dir });
    expect(JSON.parse(out.stdout)).toEqual({
      newFailures: ['unknown-id@detail'],
      fixed: ['paging-links@list'],
      stillFailing: ['response-schema@list'],
      gone: ['page-size-over-max@list'],
      unchanged: ['auth-required@detail'],
    });
  });

  it('--fail-on: new (default) passes a run whose failures are all old; any fails it; none never fails', async () => {
    expect((await runCli(['report', 'diff', 'base.json', 'fixed.json'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['report', 'diff', 'base.json', 'fixed.json', '--fail-on', 'any'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['report', 'diff', 'base.json', 'new.json', '--fail-on', 'none'], { cwd: dir })).code).toBe(0);
  });

  it('a file that is not a results.json is exit 2 naming it', async () => {
    const junk = await runCli(['report', 'diff', 'base.json', 'junk.json'], { cwd: dir });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/junk\.json is not an aferir results\.json: results\[0\] has no id or check/);
    const none = await runCli(['report', 'diff', 'base.json', 'nowhere.json'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nowhere.json');
  });
});
