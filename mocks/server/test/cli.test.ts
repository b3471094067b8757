/**
 * `aferir mock` as users run it: the real binary in a child process, the
 * contract's output lines, a request logged without its token, and a clean
 * exit 0 on SIGTERM; bad flag values exit 2 naming the flag.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { runCli } from '../../../cli/test/run-cli.ts';
import { INTERACTION_ID } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('aferir mock (the binary)', () => {
  it('prints the listening line and one line per API, logs requests without the token, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/aferir.js'),
        'mock',
        '--port',
        '0',
        '--spec',
        'ofb-accounts-2.4.1',
        '--spec',
        'belvo-accounts-1.223.0',
        '--now',
        '2026-05-10T12:00:00Z',
      ],
      { cwd: ROOT },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.split('\n').length >= 5) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const lines = stdout.trim().split('\n');
    const base = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
    expect(base).toBeDefined();
    expect(lines.slice(1)).toEqual([
      `authorization ${base}/auth`,
      `ofb-accounts-2.4.1 ${base}/open-banking/accounts/v2`,
      `belvo-accounts-1.223.0 ${base}`,
    ]);
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      authorization_endpoint: string;
    };
    expect(discovery).toMatchObject({ issuer: `${base}/auth`, authorization_endpoint: `${base}/auth/authorize` });

    const apis = await (await fetch(`${base}/_aferir/apis`)).json();
    expect(apis).toEqual([
      { id: 'ofb-accounts-2.4.1', title: expect.any(String), version: '2.4.1', basePath: '/open-banking/accounts/v2' },
      { id: 'belvo-accounts-1.223.0', title: expect.any(String), version: '1.223.0', basePath: '' },
    ]);
    const answer = await fetch(`${base}/open-banking/accounts/v2/accounts`, {
      headers: { authorization: 'Bearer top-secret-token', 'x-fapi-interaction-id': INTERACTION_ID },
    });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/GET \/open-banking\/accounts\/v2\/accounts 200 \d+\.\dms/);
    expect(stderr).not.toContain('top-secret-token');
    // oidc-provider's start-up notices never reach the user.
    expect(stderr).not.toMatch(/oidc-provider/);
  });

  it('exits 2 naming the flag for bad fault-injection values', async () => {
    for (const [flag, value] of <[string, string][]>[
      ['--fault-rate', '2'],
      ['--latency', 'slow'],
      ['--rate-limit', '0'],
      ['--now', 'tomorrow'],
      ['--port', '70000'],
      ['--max-connections', '0'],
      ['--max-connections', 'many'],
      ['--consent', 'maybe'],
      ['--state', 'memcached://127.0.0.1:11211'],
      ['--public-url', 'ftp://mock.example'],
      ['--public-url', 'https://mock.example/some/path'],
      ['--tls-cert', 'missing-cert.pem'],
      ['--client', 'missing-client.json'],
      ['--basic-auth', 'no-password:'],
    ]) {
      const run = await runCli(['mock', flag, value]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr).toContain(flag);
    }
  });

  it('exits 2 naming the file for a client or certificate it cannot use, and --state for a Redis it cannot reach', async () => {
    const tls = (name: string) => path.join(ROOT, 'mocks/authorization/test/fixtures/tls', name);
    const notPem = await runCli(['mock', '--tls-cert', tls('README.md'), '--tls-key', tls('server.key')]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toMatch(/--tls-cert .*README\.md cannot be read as PEM/);
    const notJson = await runCli(['mock', '--client', tls('README.md')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/--client .*README\.md is not JSON/);
    const noRedis = await runCli(['mock', '--port', '0', '--spec', 'ofb-accounts-2.4.1', '--state', 'redis://127.0.0.1:1']);
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*--state/);
  });

  it('serves mutual TLS and names the issuer by --public-url', async () => {
    const tls = (name: string) => path.join(ROOT, 'mocks/authorization/test/fixtures/tls', name);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    const stop = new AbortController();
    const args = ['mock', '--port', '0', '--spec', 'ofb-accounts-2.4.1', '--quiet', '--consent', 'auto'];
    args.push(
      '--tls-cert',
      tls('server.crt'),
      '--tls-key',
      tls('server.key'),
      '--client-ca',
      tls('ca.crt'),
      '--public-url',
      'https://mock.example:8443',
    );
    const exited = main(args, { stdout, stderr: new PassThrough(), env: {}, cwd: ROOT, signal: stop.signal });
    while (!/authorization \S+\n/.test(out)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(out).toMatch(/^listening on https:\/\/127\.0\.0\.1:\d+\nauthorization https:\/\/mock\.example:8443\/auth\n/);
    stop.abort();
    expect(await exited).toBe(0);
  });

  it('holds at most --max-connections: with both busy, a third connection gets 503 at once', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    const stop = new AbortController();
    const exited = main(['mock', '--port', '0', '--spec', 'ofb-accounts-2.4.1', '--quiet', '--latency', '2000', '--max-connections', '2'], {
      stdout,
      stderr: new PassThrough(),
      env: {},
      cwd: ROOT,
      signal: stop.signal,
    });
    while (!/listening on http:\/\/[\d.:]+\n/.test(out)) await new Promise((resolve) => setTimeout(resolve, 20));
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    // Expect: 100-continue makes the mock say when it has read each request; both answers are then held back 2 s.
    const exchange = (request: string, until: RegExp) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk;
          if (until.test(text)) resolve(text);
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
      });
    const busy = `GET /open-banking/accounts/v2/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nx-fapi-interaction-id: ${INTERACTION_ID}\r\nExpect: 100-continue\r\n\r\n`;
    await Promise.all([exchange(busy, /100 Continue/), exchange(busy, /100 Continue/)]);
    const third = await exchange('GET /_aferir/apis HTTP/1.1\r\nHost: x\r\n\r\n', /\r\n\r\n\{.*\}$/s);
    expect(third).toMatch(/^HTTP\/1\.1 503 /);
    expect(third).toMatch(/\r\nRetry-After: 1\r\n/i);
    stop.abort();
    expect(await exited).toBe(0);
  });
});
