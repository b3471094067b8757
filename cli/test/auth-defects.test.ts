/**
 * `aferir run --auth` over mutual TLS (the client's certificate in the auth
 * file's mtls, private_key_jwt, certificate-bound tokens) against the mock
 * and against each broken variant of fixtures/consent-defects.ts: the clean
 * mock passes the consents suite and the accounts suite; each defect fails
 * exactly the check it breaks and nothing else (exit 1).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_DEFECTS, startDefectiveMock } from '../../fixtures/consent-defects.ts';
import { CONSENT_CHECKS } from '../../suites/checks/consents/consent-checks.ts';
import type { MockDefect } from '../../mocks/server/options.ts';
import { startMock, type RunningMock, type StartMockOptions } from '../../mocks/server/start.ts';
import { REPOSITORY_ROOT } from '../../specs/catalogue.ts';
import { readFileSync } from 'node:fs';
import { readAuthFile } from '../run/auth-file.ts';
import { startAuthSession } from '../run/auth-session.ts';
import { runSuite } from '../../suites/engine/run-suite.ts';
import { authDir, consentOf, makeReceiver, runAuth, type AuthDir, type Receiver } from './auth-harness.ts';

const TLS = fileURLToPath(new URL('../../mocks/authorization/test/fixtures/tls/', import.meta.url));
const tlsFile = (name: string) => path.join(TLS, name);
const PERMISSIONS = [
  'ACCOUNTS_READ',
  'ACCOUNTS_BALANCES_READ',
  'ACCOUNTS_TRANSACTIONS_READ',
  'ACCOUNTS_OVERDRAFT_LIMITS_READ',
  'RESOURCES_READ',
];
/** Checks the clean run cannot exercise here, with why: every data operation is inside the consent; no clock to move. */
const NOT_EXERCISED = ['consent-expired-token-refused', 'consent-permission-enforced'];

let receiver: Receiver;
let dir: AuthDir;
let mock: RunningMock | undefined;

beforeAll(async () => {
  receiver = await makeReceiver('receiver-mtls');
  dir = authDir(receiver);
});
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(() => dir?.remove());

function mockOptions(now?: () => number): StartMockOptions {
  return {
    port: 0,
    quiet: true,
    specs: ['ofb-accounts-2.4.1', 'ofb-consents-3.3.1', `${REPOSITORY_ROOT}/specs/bundled/ofb-resources-3.0.0.yaml`],
    authorization: { consent: 'auto', clients: [receiver.metadata], ...(now ? { consents: { now } } : {}) },
    tls: { cert: readFileSync(tlsFile('server.crt')), key: readFileSync(tlsFile('server.key')), clientCa: readFileSync(tlsFile('ca.crt')) },
  };
}

function writeAuth(running: RunningMock): string {
  return dir.write({
    issuer: `${running.url}/auth`,
    mtls: { cert: tlsFile('client-a.crt'), key: tlsFile('client-a.key'), ca: tlsFile('ca.crt') },
    consent: consentOf(PERMISSIONS),
    'consents-spec': 'ofb-consents-3.3.1',
    'consents-url': `${running.url}/open-banking/consents/v3/consents`,
    'resources-url': `${running.url}/open-banking/resources/v3/resources`,
  });
}

async function runAgainst(defect: MockDefect | undefined) {
  mock = defect ? await startDefectiveMock(defect, mockOptions()) : await startMock(mockOptions());
  const file = writeAuth(mock);
  const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', `${mock.url}/open-banking/accounts/v2`);
  const results = dir.results().results;
  const failed = [
    ...new Set(
      results.filter((r) => r.status === 'failed').map((r) => `${r.check}${r.id.includes('#') ? r.id.slice(r.id.indexOf('#')) : ''}`),
    ),
  ].sort();
  const skipped = results.filter((r) => r.status === 'skipped' && r.spec === 'ofb-consents-3.3.1').map((r) => r.check);
  return { run, results, failed, skipped };
}

describe('aferir run --auth over mutual TLS', () => {
  it('passes the consents suite, with the token-binding check, and the accounts suite on the clean mock', async () => {
    const { run, results, skipped } = await runAgainst(undefined);
    expect(results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    expect(results.find((r) => r.check === 'consent-token-bound')).toMatchObject({ status: 'passed' });
    expect(results.some((r) => r.spec === 'ofb-accounts-2.4.1' && r.check === 'response-schema' && r.status === 'passed')).toBe(true);
    expect(skipped.sort()).toEqual(NOT_EXERCISED);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 60_000);

  const expected: Record<MockDefect, string[]> = {
    'consent-created-200': ['consent-create'],
    'consent-status-frozen': ['consent-revoke'],
    'revoked-token-accepted': ['consent-revoked-token-refused'],
    'incomplete-groups-accepted': ['consent-invalid-rejected#COMBINACAO_PERMISSOES_INCORRETA'],
    'pkce-not-enforced': ['authorization-pkce-enforced'],
    'tokens-not-bound': ['consent-token-bound'],
  };
  it('makes every consents-suite check fail on some defect, here or in the test named for it', () => {
    const here = new Set([
      ...Object.values(expected)
        .flat()
        .map((check) => check.split('#')[0]!),
      'consent-expired-token-refused',
    ]);
    const elsewhere: Record<string, string> = {
      'authorization-server-metadata': 'suites/auth/test/metadata-checks.test.ts',
      'consent-read-back': 'cli/test/auth-consents-suite.test.ts',
      'consent-permission-enforced': 'cli/test/auth-consents-suite.test.ts',
      'consent-resources-listed': 'cli/test/auth-consents-suite.test.ts',
    };
    expect(CONSENT_CHECKS.map((check) => check.id).filter((id) => !here.has(id) && !elsewhere[id])).toEqual([]);
  });

  it.each(CONSENT_DEFECTS.map((c) => [c.defect, expected[c.defect]] as const))(
    '%s fails %j and nothing else (exit 1)',
    async (defect, checks) => {
      const { run, failed, skipped } = await runAgainst(defect);
      expect(failed).toEqual(checks);
      expect(skipped.sort()).toEqual(NOT_EXERCISED);
      expect(run.code).toBe(1);
    },
    60_000,
  );
});

/**
 * consent-expired-token-refused needs a clock the run controls, which `aferir run --auth` against an institution
 * never has: the session is started in-process with the mock's consents clock, as the demo does.
 */
describe('the expired consent check, with the consents clock in the hands of the run', () => {
  it.each([
    ['the clean mock passes it', undefined, 'passed'],
    ['revoked-token-accepted fails it', 'revoked-token-accepted', 'failed'],
  ] as const)(
    '%s',
    async (_name, defect, status) => {
      let offset = 0;
      const options = mockOptions(() => Date.now() + offset);
      mock = defect ? await startDefectiveMock(defect, options) : await startMock(options);
      const auth = await readAuthFile(writeAuth(mock), dir.dir);
      const target = `${mock.url}/open-banking/accounts/v2`;
      const session = await startAuthSession({
        auth: auth.options,
        consentsSpec: 'ofb-consents-3.3.1',
        spec: 'ofb-accounts-2.4.1',
        target,
        say: () => undefined,
        clock: { advance: (ms) => void (offset += ms) },
      });
      try {
        const run = await runSuite({
          suites: [{ spec: 'ofb-accounts-2.4.1', target }],
          flows: session.flows,
          only: ['consent-expired-token-refused'],
          token: session.token,
          liveSecrets: session.live,
          certFile: auth.files.cert,
          keyFile: auth.files.key,
          caFile: auth.files.ca,
        });
        const result = run.results.find((r) => r.check === 'consent-expired-token-refused');
        expect(result, JSON.stringify(result)).toMatchObject({ status });
        expect(result?.response?.status).toBe(status === 'passed' ? 401 : 200);
        // The clock is put back: the session's own consent still reads accounts.
        expect(offset).toBe(0);
      } finally {
        await session.close();
      }
    },
    60_000,
  );
});
