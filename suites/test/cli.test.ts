/**
 * `aferir run` and `aferir demo` from the outside: the real binary for the
 * exit codes of the contract (0, 1, 2, 3), the report files and secrets kept
 * out of every output; in-process runs (DESIGN.md rule 9) for --config and the demo.
 */
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import { profileOf } from '../../families/index.ts';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import { closedPortUrl } from './fixtures/hostile-servers.ts';

const BIN = fileURLToPath(new URL('../../bin/aferir.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'cli-secret-token-7f3a9c';

function aferir(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
      },
    );
  });
}

async function reportText(dir: string): Promise<string> {
  const files = await readdir(dir);
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')))).join('\n');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-run-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('aferir run, the real binary', () => {
  let fixture: AccountsFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('exit 0 against a correct server; the four report files; the token nowhere', async () => {
    fixture = await startAccountsFixture();
    const out = path.join(dir, 'pass');
    const result = await aferir([
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      fixture.url,
      '--token',
      TOKEN,
      '--token-without-permissions',
      LIMITED_TOKEN,
      '--report-dir',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\d+ results: \d+ passed, 0 failed/);
    expect(result.stdout).toMatch(/PASS/);
    expect(result.stderr).toMatch(/accountsGetAccounts/);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'summary.md']);
    const json = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'));
    expect(json).toMatchObject({ target: fixture.url, spec: 'ofb-accounts-2.4.1', summary: { failed: 0 } });
    expect(json.results[0]).toHaveProperty('check');
    for (const text of [result.stdout, result.stderr, await reportText(out)]) expect(text).not.toContain(TOKEN);
  });

  it('exit 1 when a check fails, with the failure in the summary', async () => {
    fixture = await startAccountsFixture({ defect: 'text-plain' });
    const result = await aferir([
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      fixture.url,
      '--token',
      TOKEN,
      '--report-dir',
      path.join(dir, 'fail'),
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/content-type@accountsGetAccountsAccountIdBalances: Content-Type text\/plain is not documented/);
    expect(result.stdout).toMatch(/FAIL/);
    expect(await readdir(path.join(dir, 'fail'))).toEqual(['results.json']);
  });

  it('exit 2 for an unknown check id, naming it', async () => {
    const result = await aferir(['run', '--spec', 'ofb-accounts-2.4.1', '--target', 'http://127.0.0.1:9', '--only', 'no-such-check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown check id 'no-such-check' in --only/);
  });

  it('exit 2 without --target', async () => {
    const result = await aferir(['run', '--spec', 'ofb-accounts-2.4.1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--target is required/);
  });

  it('exit 3 when nothing listens, the token still nowhere', async () => {
    const url = await closedPortUrl();
    const result = await aferir([
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      url,
      '--token',
      TOKEN,
      '--report-dir',
      path.join(dir, 'unreachable'),
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Cannot reach .*connection refused/);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
  });
});

describe('aferir run --config', () => {
  it('reads the options from YAML; a flag on the command line wins over the file', async () => {
    const fixture = await startAccountsFixture();
    try {
      const file = path.join(dir, 'aferir.yaml');
      await writeFile(
        file,
        [
          `target: ${fixture.url}`,
          'spec: ofb-accounts-2.4.1',
          `token: ${TOKEN}`,
          'format: [json]',
          'report-dir: from-config',
          'only: [valid-request, response-schema]',
          'timeout: 5000',
        ].join('\n'),
      );
      const run = await runCli(['run', '--config', file, '--only', 'valid-request'], { cwd: dir, env: {} });
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(await readFile(path.join(dir, 'from-config', 'results.json'), 'utf8'));
      expect([...new Set(json.results.map((r: { check: string }) => r.check))]).toEqual(['valid-request']);
    } finally {
      await fixture.close();
    }
  });

  it('an unknown option in the file is exit 2 naming it', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ target: 'http://127.0.0.1:9', spec: 'ofb-accounts-2.4.1', concurency: 8 }));
    const run = await runCli(['run', '--config', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option 'concurency'/);
  });
});

describe('aferir demo', () => {
  it('runs the consent journey and every bundled suite against the in-process mock: 0 failures, one combined report', async () => {
    const out = path.join(dir, 'demo');
    const run = await runCli(['demo', '--report-dir', out], { cwd: dir });
    expect(run.code, run.stdout).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'));
    expect(json.summary.failed).toBe(0);
    // Every bundled spec but those a flow judges (the consents APIs, judged by the consents suites of the demo's consents).
    const loaded = await Promise.all(CATALOGUE.map((entry) => loadSpec(entry.id)));
    const judged = loaded.filter((spec) => !profileOf(spec).judgedByFlow);
    const byFlow = loaded.filter((spec) => profileOf(spec).judgedByFlow);
    expect(judged.length).toBeGreaterThanOrEqual(8);
    expect(byFlow.length).toBeGreaterThanOrEqual(2);
    expect(json.specs.map((s: { id: string }) => s.id).sort()).toEqual(judged.map((spec) => spec.id).sort());
    expect(new Set(json.results.map((r: { spec: string }) => r.spec))).toEqual(new Set(loaded.map((spec) => spec.id)));
    // Each consents API's suite ran its journey: created, authorised (the revoked token was accepted before), revoked.
    for (const spec of byFlow) {
      const passed = new Set(
        json.results
          .filter((r: { spec: string; status: string }) => r.spec === spec.id && r.status === 'passed')
          .map((r: { check: string }) => r.check),
      );
      for (const check of [
        'consent-create',
        'consent-read-back',
        'consent-revoke',
        'consent-revoked-token-refused',
        'consent-expired-token-refused',
        'consent-permission-enforced',
      ])
        expect(passed, `${spec.id} ${check}`).toContain(check);
    }
    expect(json.coverageSummary).toMatchObject({ ratio: 1, notCovered: [] });
    expect(json.verdict).toBe('pass');
    expect(run.stdout).toMatch(/Report: .*index\.html/);
    expect(run.stdout + run.stderr + (await reportText(out))).not.toContain('aferir-demo:demo-secret');
  }, 120_000);
});
