/**
 * Ctrl-C and SIGTERM during `aferir run`: the real binary, caught mid-way by
 * a target that holds its requests, must stop sending, write the four
 * reports for what ran (each saying "interrupted"), print where they are and
 * exit 130 (SIGINT) or 143 (SIGTERM); a second Ctrl-C quits at once. The
 * demo does the same in-process, with the stop signals injected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { StopSignalName, StopSignals } from '../../cli/stop.ts';
import { startHeldTarget, type HeldTarget } from './fixtures/held-target.ts';
import { BASE_PATH, LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/aferir.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'interrupt-secret-token-41c7';
const FIRST_OPERATION_DONE = /[✓✗] accountsGetAccounts /;

interface Child {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  waitForStderr(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnAferir(args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const watcher of watchers.filter((w) => w.pattern.test(stderr))) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitForStderr: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => watchers.push({ pattern, resolve }))),
    exited,
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-interrupt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('aferir run stopped by a signal, the real binary', () => {
  let fixture: AccountsFixture;
  let target: HeldTarget;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    fixture = await startAccountsFixture();
  });
  afterAll(() => fixture.close());
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await target?.close();
  });

  /** The account list answers; everything after it is held, so the run stops on the second operation. */
  async function runUntilHeld(name: string): Promise<{ run: Child; out: string; sentAtSignal: number }> {
    target = await startHeldTarget(new URL(fixture.url).origin, (pathname) => pathname === `${BASE_PATH}/accounts`);
    const out = path.join(dir, name);
    const run = spawnAferir([
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      `${target.origin}${BASE_PATH}`,
      '--token',
      TOKEN,
      '--token-without-permissions',
      LIMITED_TOKEN,
      '--report-dir',
      out,
      '--timeout',
      '120000',
    ]);
    children.push(run.child);
    await run.waitForStderr(FIRST_OPERATION_DONE);
    await target.whenHeld();
    return { run, out, sentAtSignal: target.received };
  }

  async function readReports(out: string) {
    const read = (name: string) => readFile(path.join(out, name), 'utf8');
    return {
      json: JSON.parse(await read('results.json')),
      junit: await read('junit.xml'),
      md: await read('summary.md'),
      html: await read('index.html'),
    };
  }

  it('SIGINT: exit 130, the four reports of what ran, each marked interrupted, nothing sent after the signal', async () => {
    const { run, out, sentAtSignal } = await runUntilHeld('sigint');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    const { stdout, stderr } = run.output();
    expect(code, stderr).toBe(130);
    expect(target.received).toBe(sentAtSignal);

    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'summary.md']);
    const { json, junit, md, html } = await readReports(out);
    expect(json.interrupted).toBe(true);
    expect(json.interruption).toMatchObject({ signal: 'SIGINT' });
    expect(json.interruption.operationsNotRun).toBeGreaterThan(0);
    expect(json.verdict).not.toBe('pass');
    expect(json.requests).toBe(target.received);

    // What ran is there, as it ran; what did not is listed as not run, never judged.
    const first = json.results.filter((r: { operation: string }) => r.operation === 'accountsGetAccounts');
    expect(first.some((r: { status: string }) => r.status === 'passed')).toBe(true);
    const rest = json.results.filter((r: { operation: string }) => r.operation !== 'accountsGetAccounts');
    expect(rest.length).toBeGreaterThan(0);
    for (const result of rest) expect(result.status, JSON.stringify(result)).toBe('skipped');
    const notRun = rest.filter((r: { message: string }) => /interrupted/.test(r.message));
    expect(notRun.length).toBe(json.interruption.checksNotRun);
    expect(notRun.length).toBeGreaterThan(0);
    for (const result of json.results) expect(result.message).not.toMatch(/timeout|abort/i);

    expect(junit).toMatch(/<property name="interrupted" value="SIGINT"\/>/);
    expect(junit).toMatch(/<error [^>]*interrupted/);
    expect(md).toMatch(/^## .*INTERRUPTED/m);
    expect(html).toMatch(/<title>INTERRUPTED · /);
    expect(html).toContain('"interrupted":true');

    expect(stdout).toMatch(/INTERRUPTED/);
    expect(stdout).toMatch(/Report: .*index\.html/);
    expect(stderr).toMatch(/SIGINT/);
    for (const text of [stdout, stderr, junit, md, html, JSON.stringify(json)]) expect(text).not.toContain(TOKEN);
  }, 60_000);

  it('SIGTERM: exit 143 and the reports say so', async () => {
    const { run, out } = await runUntilHeld('sigterm');
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output().stderr).toBe(143);
    const { json, junit, md } = await readReports(out);
    expect(json).toMatchObject({ interrupted: true, interruption: { signal: 'SIGTERM' } });
    expect(json.verdict).not.toBe('pass');
    expect(junit).toMatch(/<property name="interrupted" value="SIGTERM"\/>/);
    expect(md).toMatch(/INTERRUPTED/);
    expect(run.output().stdout).toMatch(/INTERRUPTED/);
  }, 60_000);

  it('a second Ctrl-C quits at once (130), even while the first is still waiting', async () => {
    // The spec download never answers: the first Ctrl-C cannot finish (loading is not interruptible), the second must not wait for it.
    target = await startHeldTarget('http://127.0.0.1:9', () => false);
    const out = path.join(dir, 'double');
    const run = spawnAferir(['run', '--spec', `${target.origin}/spec.yaml`, '--target', 'http://127.0.0.1:9/api', '--report-dir', out]);
    children.push(run.child);
    await target.whenHeld();
    run.child.kill('SIGINT');
    await run.waitForStderr(/again to quit at once/);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code, run.output().stderr).toBe(130);
    expect(run.output().stderr).toMatch(/quitting at once/);
    expect(await readdir(out)).toEqual([]);
  }, 60_000);
});

/** Stop signals a test fires by hand (bin/aferir.js gives the process's). */
function fakeStops(): StopSignals & { fire(name: StopSignalName): void; listening(): number } {
  const listeners = new Set<(name: StopSignalName) => void>();
  return {
    listen(onStop) {
      listeners.add(onStop);
      return () => listeners.delete(onStop);
    },
    fire: (name) => {
      for (const listener of [...listeners]) listener(name);
    },
    listening: () => listeners.size,
  };
}

describe('aferir demo stopped in-process', () => {
  it('the first stop ends the run with interrupted reports; the listener is gone afterwards', async () => {
    const stops = fakeStops();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    let fired = false;
    stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      // The first operation's line: stop now, once, with most of the demo still to run.
      if (!fired && /[✓✗] /.test(err) && stops.listening() > 0) {
        fired = true;
        stops.fire('SIGINT');
      }
    });
    const exits: number[] = [];
    const reportDir = path.join(dir, 'demo');
    const code = await main(['demo', '--report-dir', reportDir], {
      stdout,
      stderr,
      env: {},
      cwd: dir,
      stops,
      exit: (c) => {
        exits.push(c);
      },
    });
    expect(code, err).toBe(130);
    expect(exits).toEqual([]);
    expect(stops.listening()).toBe(0);
    const json = JSON.parse(await readFile(path.join(reportDir, 'results.json'), 'utf8'));
    expect(json).toMatchObject({ interrupted: true, interruption: { signal: 'SIGINT' } });
    expect(json.interruption.operationsNotRun).toBeGreaterThan(0);
    expect(json.results.some((r: { status: string }) => r.status === 'passed')).toBe(true);
    expect(out).toMatch(/INTERRUPTED/);
  }, 120_000);

  it('a second stop calls exit at once with the code of that signal', async () => {
    const stops = fakeStops();
    const stderr = new PassThrough();
    let err = '';
    let fired = false;
    const exits: number[] = [];
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      if (/mock listening/.test(err) && !fired && stops.listening() > 0) {
        fired = true;
        stops.fire('SIGINT');
        stops.fire('SIGTERM');
      }
    });
    const code = await main(['demo', '--report-dir', path.join(dir, 'demo-twice'), '--format', 'json'], {
      stdout: new PassThrough(),
      stderr,
      env: {},
      cwd: dir,
      stops,
      exit: (c) => {
        exits.push(c);
      },
    });
    expect(exits).toEqual([143]);
    expect(err).toMatch(/quitting at once/);
    expect(code).toBe(130);
  }, 120_000);
});
