/**
 * `--report-dir` is checked before the first request (a bad one is exit 2
 * with nothing sent), and the report files replace the old ones by rename:
 * a symlink planted where a report goes is replaced, never followed, and
 * files that are not aferir's stay where they are.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { startHeldTarget, type HeldTarget } from './fixtures/held-target.ts';
import { BASE_PATH, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';

let dir: string;
let fixture: AccountsFixture;
let target: HeldTarget;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-report-dir-'));
  fixture = await startAccountsFixture();
  // Every request is answered; the proxy is here to count them.
  target = await startHeldTarget(new URL(fixture.url).origin, () => true);
});
afterAll(async () => {
  await target.close();
  await fixture.close();
  await rm(dir, { recursive: true, force: true });
});

function run(reportDir: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(
    [
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      `${target.origin}${BASE_PATH}`,
      '--token',
      'report-dir-token',
      '--only',
      'valid-request',
      '--report-dir',
      reportDir,
    ],
    { cwd: dir, env },
  );
}

describe('a bad --report-dir is exit 2 before any request', () => {
  it('the filesystem root', async () => {
    const before = target.received;
    const result = await run('/');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^aferir: --report-dir \/ is the root of the filesystem[^\n]*\.\n$/);
    expect(target.received).toBe(before);
  });

  it('an existing file', async () => {
    const file = path.join(dir, 'a-file.txt');
    await writeFile(file, 'not a folder');
    const before = target.received;
    const result = await run(file);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/a-file\.txt is a file, not a directory/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(target.received).toBe(before);
    expect(await readFile(file, 'utf8')).toBe('not a folder');
  });

  it('a folder that cannot be created (its parent is a file)', async () => {
    const file = path.join(dir, 'blocker.txt');
    await writeFile(file, 'x');
    const before = target.received;
    const result = await run(path.join(file, 'reports'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--report-dir .*blocker\.txt[\\/]reports cannot be created/);
    expect(target.received).toBe(before);
  });

  it('the home folder itself', async () => {
    const home = await mkdtemp(path.join(dir, 'home-'));
    const before = target.received;
    const result = await run(home, { HOME: home });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/is your home folder/);
    expect(target.received).toBe(before);
    expect(await readdir(home)).toEqual([]);
  });
});

describe('the report files replace what was there', () => {
  it('a symlinked index.html is replaced, its target untouched; a foreign file survives; no temporary files are left', async () => {
    const out = path.join(dir, 'planted');
    await mkdir(out);
    const outside = path.join(dir, 'outside.html');
    await writeFile(outside, 'precious');
    await symlink(outside, path.join(out, 'index.html'));
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    await writeFile(path.join(out, 'results.json'), '{"old": true}');

    const result = await run(out);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(outside, 'utf8')).toBe('precious');
    expect((await lstat(path.join(out, 'index.html'))).isSymbolicLink()).toBe(false);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')).spec).toBe('ofb-accounts-2.4.1');
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'notes.txt', 'results.json', 'summary.md']);
  });

  it('a --report-dir that is a symlink is resolved once, said on stderr, and stays a link', async () => {
    const real = path.join(dir, 'dated-run');
    await mkdir(real);
    const link = path.join(dir, 'latest-link');
    await symlink(real, link);
    const result = await run(link);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/--report-dir .*latest-link is a symlink; writing into .*dated-run/);
    expect(await readlink(link)).toBe(real);
    expect((await readdir(real)).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'summary.md']);
  });
});
