/**
 * `aferir mock` as users run it: the real binary in a child process, the
 * contract's output lines, a request logged without its token, and a clean
 * exit 0 on SIGTERM; bad flag values exit 2 naming the flag.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/test/run-cli.ts';
import { INTERACTION_ID } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('aferir mock (the binary)', () => {
  it('prints the listening line and one line per API, logs requests without the token, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/aferir.js'), 'mock', '--port', '0', '--spec', 'ofb-accounts-2.4.1', '--spec', 'belvo-accounts-1.223.0', '--now', '2026-05-10T12:00:00Z'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.split('\n').length >= 4) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const lines = stdout.trim().split('\n');
    const base = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1];
    expect(base).toBeDefined();
    expect(lines.slice(1)).toEqual([`ofb-accounts-2.4.1 ${base}/open-banking/accounts/v2`, `belvo-accounts-1.223.0 ${base}`]);

    const apis = await (await fetch(`${base}/_aferir/apis`)).json();
    expect(apis).toEqual([
      { id: 'ofb-accounts-2.4.1', title: expect.any(String), version: '2.4.1', basePath: '/open-banking/accounts/v2' },
      { id: 'belvo-accounts-1.223.0', title: expect.any(String), version: '1.223.0', basePath: '' },
    ]);
    const answer = await fetch(`${base}/open-banking/accounts/v2/accounts`, { headers: { authorization: 'Bearer top-secret-token', 'x-fapi-interaction-id': INTERACTION_ID } });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/GET \/open-banking\/accounts\/v2\/accounts 200 \d+\.\dms/);
    expect(stderr).not.toContain('top-secret-token');
  });

  it('exits 2 naming the flag for bad fault-injection values', async () => {
    for (const [flag, value] of [['--fault-rate', '2'], ['--latency', 'slow'], ['--rate-limit', '0'], ['--now', 'tomorrow'], ['--port', '70000']]) {
      const run = await runCli(['mock', flag, value]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr).toContain(flag);
    }
  });
});
