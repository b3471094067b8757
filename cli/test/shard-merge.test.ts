/**
 * `--shard i/n` and `report merge`: four shards of the demo's plan (every
 * bundled spec against the mock), merged, are the unsharded run result by
 * result, with the same counts and coverage; and `report diff` compares two
 * runs by result id.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/server/start.ts';
import { writeReports } from '../../reports/write.ts';
import { runSuite } from '../../suites/engine/run-suite.ts';
import type { RunOptions } from '../../suites/engine/run-options.ts';
import { demoSuites } from '../run/demo.ts';
import type { CheckResult, RunResults } from '../../suites/result-model.ts';
import { startAccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import { runCli } from './run-cli.ts';

const NOW = new Date('2026-05-10T12:00:00Z');
let mock: Awaited<ReturnType<typeof startMock>>;
let dir: string;

beforeAll(async () => {
  // As `aferir demo` starts it: basic auth accepts the run's pair only, so a wrong password gets its 401.
  mock = await startMock({ port: 0, seed: 1, quiet: true, basicAuth: ['aferir-demo:demo-secret'] });
  dir = await mkdtemp(path.join(tmpdir(), 'aferir-shards-'));
});

afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});

function demoOptions(): RunOptions {
  const suites = demoSuites(mock);
  // The mock's clock is the system's, so the suites' is too (as in `aferir demo`).
  return { suites, token: 'aferir-demo:demo-secret', tokenWithoutPermissions: 'aferir:', seed: 1 };
}

/** What must not differ between a whole run and its merged shards (timings and echoed ids may). */
const essence = (result: CheckResult) => ({
  id: result.id,
  check: result.check,
  spec: result.spec,
  operation: result.operation,
  status: result.status,
  message: result.message,
});

async function readRun(folder: string): Promise<RunResults> {
  return JSON.parse(await readFile(path.join(folder, 'results.json'), 'utf8')) as RunResults;
}

describe('--shard and report merge', () => {
  it('four shards of the demo, merged, are the whole run result by result', async () => {
    const whole = await runSuite(demoOptions());
    expect(whole.verdict).toBe('pass');
    const folders: string[] = [];
    const sizes: number[] = [];
    for (let index = 1; index <= 4; index++) {
      const shard = await runSuite({ ...demoOptions(), shard: { index, count: 4 } });
      expect(shard.shard).toMatchObject({ index, count: 4 });
      sizes.push(shard.summary.total);
      const folder = path.join(dir, `shard-${index}`);
      await writeReports(shard, folder);
      folders.push(folder);
    }
    // Each shard runs a real part of the plan, and no result is in two of them.
    for (const size of sizes) expect(size).toBeGreaterThan(whole.summary.total / 8);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(whole.summary.total);

    const out = path.join(dir, 'merged');
    // Given out of order on purpose: the merge orders by the plan, not by the arguments.
    const cli = await runCli(['report', 'merge', folders[2]!, folders[0]!, folders[3]!, folders[1]!, '--out', out]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`4 shards, ${whole.summary.total} results`);
    const merged = await readRun(out);
    expect(merged.results.map(essence)).toEqual(whole.results.map(essence));
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.coverage).toEqual(whole.coverage);
    expect(merged.checks).toEqual(whole.checks);
    expect(merged.verdict).toBe(whole.verdict);
    expect(merged.shard).toBeUndefined();
    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(whole.summary.total);
  }, 120_000);

  it('a missing or repeated shard is a usage error naming it', async () => {
    const shard = (index: number) => path.join(dir, `shard-${index}`);
    const missing = await runCli(['report', 'merge', shard(1), shard(2), shard(4), '--out', path.join(dir, 'm2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Shard 3/4 missing');
    const twice = await runCli(['report', 'merge', shard(1), shard(1), shard(2), shard(3), '--out', path.join(dir, 'm3')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('are both shard 1/4');
    const bad = await runCli(['run', '--target', mock.url, '--spec', 'ofb-accounts-2.4.1', '--shard', '5/4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard must be i/n');
  }, 60_000);

  it('merges failures too: four shards of a broken target agree with one run', async () => {
    const fixture = await startAccountsFixture({ defect: 'wrong-total', now: () => NOW });
    try {
      const options: RunOptions = { suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }], token: 'full-token-1234', now: NOW };
      const whole = await runSuite(options);
      expect(whole.summary.failed).toBeGreaterThan(0);
      const folders: string[] = [];
      for (let index = 1; index <= 4; index++) {
        const folder = path.join(dir, `broken-${index}`);
        await writeReports(await runSuite({ ...options, shard: { index, count: 4 } }), folder);
        folders.push(folder);
      }
      const out = path.join(dir, 'broken-merged');
      const cli = await runCli(['report', 'merge', ...folders, '--report-dir', out]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('FAIL');
      const merged = await readRun(out);
      expect(merged.results.map(essence)).toEqual(whole.results.map(essence));
      expect(merged.summary).toEqual(whole.summary);
    } finally {
      await fixture.close();
    }
  }, 120_000);
});
