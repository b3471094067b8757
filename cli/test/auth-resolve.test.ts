/**
 * `aferir run --auth --resolve`: the consent flow follows the run's --resolve entries as the data
 * suites do. The mock sits behind a DNS name nothing resolves (a certificate for `mock.aferir.test`,
 * made with openssl) and its consents API is named by that name: without the entries applied to
 * the flow, creating the consent fails with ENOTFOUND before any suite runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_OPENSSL, makeDnsNamedTls, type DnsNamedTls } from '../../fixtures/dns-named-tls.ts';
import { startMock, type RunningMock } from '../../mocks/server/start.ts';
import { authDir, consentOf, makeReceiver, runAuth, type AuthDir } from './auth-harness.ts';

const TLS = path.join(import.meta.dirname, '../../mocks/authorization/test/fixtures/tls');
const fixture = (name: string) => path.join(TLS, name);
let named: DnsNamedTls | undefined;
let mock: RunningMock | undefined;
let dir: AuthDir;

beforeAll(async () => {
  named = makeDnsNamedTls();
  if (!named) return;
  const receiver = await makeReceiver('receiver-resolve');
  dir = authDir(receiver);
  mock = await startMock({
    port: 0,
    specs: ['ofb-accounts-2.4.1', 'ofb-consents-3.3.1'],
    quiet: true,
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    tls: { cert: named.cert, key: named.key, clientCa: readFileSync(fixture('ca.crt')) },
  });
}, 30_000);

afterAll(async () => {
  await mock?.close();
  dir?.remove();
  named?.remove();
});

describe.skipIf(!HAVE_OPENSSL)(`--auth with --resolve${HAVE_OPENSSL ? '' : ' [skipped: openssl is absent]'}`, () => {
  it('creates the consent at the resolved name and runs the suites there', async () => {
    const origin = `https://${named!.name}:${mock!.port}`;
    const pathOf = (id: string) => new URL(mock!.apis.find((api) => api.id === id)!.url).pathname;
    const file = dir.write({
      issuer: mock!.authorization!.issuer,
      consent: consentOf(['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ']),
      mtls: { cert: fixture('client-a.crt'), key: fixture('client-a.key'), ca: named!.caFile },
      'consents-url': `${origin}${pathOf('ofb-consents-3.3.1')}/consents`,
    });
    const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', `${origin}${pathOf('ofb-accounts-2.4.1')}`, [
      '--resolve',
      `${named!.name}:${mock!.port}:127.0.0.1`,
    ]);
    expect(run.stderr).not.toMatch(/Authorization step/);
    const results = dir.results().results;
    const created = results.find((r) => r.check === 'consent-create');
    expect(created?.status, created?.message).toBe('passed');
    expect(created?.request?.url.startsWith(origin)).toBe(true);
    const schema = results.find((r) => r.check === 'response-schema' && r.status === 'passed');
    expect(schema?.request?.url.startsWith(origin)).toBe(true);
  }, 120_000);
});
