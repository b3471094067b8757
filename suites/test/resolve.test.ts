/**
 * `--resolve host:port:address`: a run reaches a server at a DNS name it serves under (here the mock over
 * TLS, with a certificate for that name) by connecting to loopback, while the Host header, SNI and the
 * certificate check stay by name — so links a spec demands with a real host name can be judged. A
 * certificate for another name, or one not trusted, still fails; a bad entry is a usage error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { HAVE_OPENSSL, makeDnsNamedTls, type DnsNamedTls } from '../../fixtures/dns-named-tls.ts';
import { startMock } from '../../mocks/server/start.ts';
import { UsageError } from '../../specs/errors.ts';
import { createHttpClient } from '../http/client.ts';
import { createCurlWriter } from '../http/curl.ts';
import { parseResolve } from '../http/resolve.ts';
import type { RunResults } from '../result-model.ts';
import { describeFailures, runQuietly } from './helpers.ts';

const SPEC = 'specs/bundled/ofb-resources-3.0.0.yaml';
let tls: DnsNamedTls | undefined;
let other: DnsNamedTls | undefined;
let mock: Awaited<ReturnType<typeof startMock>> | undefined;
let named: string;
let resolve: string[];

beforeAll(async () => {
  tls = makeDnsNamedTls();
  other = makeDnsNamedTls('other.aferir.test');
  if (!tls) return;
  mock = await startMock({ port: 0, specs: [SPEC], seed: 1, quiet: true, tls: { cert: tls.cert, key: tls.key } });
  const base = new URL(mock.apis[0]!.url);
  named = `https://${tls.name}:${mock.port}${base.pathname}`;
  resolve = [`${tls.name}:${mock.port}:127.0.0.1`];
});

afterAll(async () => {
  await mock?.close();
  tls?.remove();
  other?.remove();
});

describe.skipIf(!HAVE_OPENSSL)(`--resolve${HAVE_OPENSSL ? '' : ' [skipped: openssl is absent]'}`, () => {
  it('judges a spec whose links demand a DNS name: every check passes, links carry the name', async () => {
    const run: RunResults = await runQuietly({
      suites: [{ spec: SPEC, target: named }],
      token: 'full-access-token',
      caFile: tls!.caFile,
      resolve,
    });
    expect(describeFailures(run)).toBe('');
    const schema = run.results.find((r) => r.check === 'response-schema');
    expect(schema?.status).toBe('passed');
    expect(schema?.request?.url.startsWith(`https://${tls!.name}:`)).toBe(true);
  });

  it('is a flag of aferir run: the same run from the command line exits 0; a bad entry is exit 2 naming it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aferir-resolve-'));
    try {
      const argv = ['run', '--spec', SPEC, '--target', named, '--token', 'full-access-token', '--ca', tls!.caFile];
      const report = ['--report-dir', dir, '--format', 'json'];
      const ok = await runCli([...argv, '--resolve', resolve[0]!, ...report]);
      expect(ok.code, ok.stderr).toBe(0);
      const bad = await runCli([...argv, '--resolve', `${tls!.name}:443`, ...report]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`--resolve '${tls!.name}:443' is not host:port:address`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the entries into the curl command of the evidence, so the request replays as sent', () => {
    const curl = createCurlWriter({ resolve })({ method: 'GET', url: named, headers: {} });
    expect(curl).toContain(`--resolve "${resolve[0]}"`);
  });

  it('still verifies the certificate by the host name: an untrusted one, or one for another name, fails', async () => {
    const url = `${named}/resources`;
    const untrusted = await createHttpClient({ resolve });
    const wrongName = await createHttpClient({ resolve, caFile: other!.caFile });
    try {
      for (const client of [untrusted, wrongName]) {
        const outcome = await client.send({ method: 'GET', url, headers: {} });
        expect(outcome.failure, 'the handshake is refused').toBeDefined();
      }
    } finally {
      await untrusted.close();
      await wrongName.close();
    }
  });
});

describe('--resolve entries', () => {
  it('parses host:port:address, IPv6 in brackets, and refuses anything else naming the entry', () => {
    expect([...parseResolve(['Mock.Example:443:127.0.0.1', 'api.test:8443:[::1]'])]).toEqual([
      ['mock.example:443', '127.0.0.1'],
      ['api.test:8443', '::1'],
    ]);
    for (const bad of ['mock.example:443', 'mock.example:0:127.0.0.1', 'mock.example:443:localhost', ':443:127.0.0.1'])
      expect(() => parseResolve([bad]), bad).toThrow(UsageError);
  });
});
