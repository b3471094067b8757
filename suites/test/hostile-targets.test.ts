/**
 * Hostile targets end as findings or exit 3 — never a crash, never a hang
 * past --timeout — and TLS: a handshake that fails is exit 3, mutual TLS with
 * the right client certificate is a normal run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetUnreachableError } from '../errors.ts';
import type { RunResults } from '../result-model.ts';
import { startAccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import {
  closedPortUrl,
  startHanging,
  startHuge,
  startInvalidJson,
  startResetting,
  startTrickling,
  type HostileServer,
} from './fixtures/hostile-servers.ts';
import { runQuietly } from './helpers.ts';

const SPEC = 'ofb-accounts-2.4.1';
const tls = (name: string) => fileURLToPath(new URL(`./fixtures/tls/${name}`, import.meta.url));
let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function valid(run: RunResults) {
  return run.results.find((r) => r.check === 'valid-request' && r.operation === 'accountsGetAccounts')!;
}

describe('hostile targets', () => {
  it('a target that never answers: each request ends at --timeout as a finding, and dependent checks are skipped', async () => {
    server = await startHanging();
    const run = await runQuietly({ suites: [{ spec: SPEC, target: server.url }], token: 'token-1234', timeoutMs: 300 });
    expect(valid(run).status).toBe('failed');
    expect(valid(run).message).toMatch(/no response \(no complete response within --timeout 300 ms\)/);
    expect(run.results.find((r) => r.check === 'paging-walk')?.status).toBe('skipped');
    expect(run.verdict).toBe('fail');
  });

  it.each(['body', 'headers'] as const)(
    'a target that trickles its %s a byte at a time: --timeout bounds the whole exchange',
    async (part) => {
      server = await startTrickling(part, 100);
      const run = await runQuietly({
        suites: [{ spec: SPEC, target: server.url }],
        token: 'token-1234',
        timeoutMs: 500,
        only: ['valid-request'],
      });
      expect(valid(run).status).toBe('failed');
      expect(valid(run).message).toMatch(/no response \(no complete response within --timeout 500 ms\)/);
      expect(run.verdict).toBe('fail');
    },
  );

  it('a target that resets every connection: findings that say so', async () => {
    server = await startResetting();
    const run = await runQuietly({ suites: [{ spec: SPEC, target: server.url }], token: 'token-1234' });
    expect(valid(run).status).toBe('failed');
    expect(valid(run).message).toMatch(/connection was closed before a complete response/);
  });

  it('a 50 MB answer: reading stops at the limit, the size is reported, nothing is buffered whole', async () => {
    server = await startHuge(50 * 1024 * 1024);
    const run = await runQuietly({
      suites: [{ spec: SPEC, target: server.url }],
      token: 'token-1234',
      maxBodyBytes: 1024 * 1024,
      only: ['valid-request', 'response-schema'],
    });
    const schema = run.results.find((r) => r.check === 'response-schema' && r.operation === 'accountsGetAccounts')!;
    expect(schema.status).toBe('failed');
    expect(schema.message).toMatch(/larger than the 1048576-byte read limit \(52428800 bytes\)/);
    expect(schema.response?.bodyBytes).toBe(52428800);
    expect(schema.response?.bodyTruncated).toBe(true);
    expect(schema.response!.body!.length).toBeLessThanOrEqual(64 * 1024 + 1);
  });

  it('invalid JSON under a JSON content type: a schema failure that quotes the parse error', async () => {
    server = await startInvalidJson();
    const run = await runQuietly({ suites: [{ spec: SPEC, target: server.url }], token: 'token-1234' });
    const schema = run.results.find((r) => r.check === 'response-schema' && r.operation === 'accountsGetAccounts')!;
    expect(schema.status).toBe('failed');
    expect(schema.message).toMatch(/not valid JSON although its Content-Type says so/);
    expect(run.results.find((r) => r.check === 'paging-walk')?.message).toMatch(/skipped: .*invalid-json/);
  });

  it('a port where nothing listens: TargetUnreachableError, exit code 3', async () => {
    const url = await closedPortUrl();
    const error = await runQuietly({ suites: [{ spec: SPEC, target: url }], token: 'token-1234' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetUnreachableError);
    expect((error as TargetUnreachableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/connection refused/);
  });
});

describe('TLS', () => {
  const serverTls = {
    key: readFileSync(tls('server.key')),
    cert: readFileSync(tls('server.crt')),
    ca: readFileSync(tls('ca.crt')),
    requestCert: true,
    rejectUnauthorized: true,
  };

  it('mutual TLS with --cert/--key/--ca is a normal run', async () => {
    const fixture = await startAccountsFixture({ tls: serverTls });
    try {
      const run = await runQuietly({
        suites: [{ spec: SPEC, target: fixture.url }],
        token: 'token-1234',
        certFile: tls('client.crt'),
        keyFile: tls('client.key'),
        caFile: tls('ca.crt'),
        only: ['valid-request', 'response-schema'],
      });
      expect(run.summary.failed).toBe(0);
      expect(run.summary.passed).toBeGreaterThan(0);
    } finally {
      await fixture.close();
    }
  });

  it('a certificate nobody trusts fails the handshake: exit 3 naming TLS', async () => {
    const fixture = await startAccountsFixture({ tls: { key: serverTls.key, cert: serverTls.cert } });
    try {
      const error = await runQuietly({ suites: [{ spec: SPEC, target: fixture.url }], token: 'token-1234' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TargetUnreachableError);
      expect((error as Error).message).toMatch(/TLS handshake failed/);
      const insecure = await runQuietly({
        suites: [{ spec: SPEC, target: fixture.url }],
        token: 'token-1234',
        insecure: true,
        only: ['valid-request'],
      });
      expect(insecure.summary.failed).toBe(0);
    } finally {
      await fixture.close();
    }
  });
});
