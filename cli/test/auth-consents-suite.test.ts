/**
 * The consents suite against a small institution (fixtures/consents-institution.ts:
 * the mock's real authorization server, the consents, resources and accounts
 * APIs on a fixture server): all of it passes on the correct institution, and
 * each defect fails the checks it should and nothing else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNTS_BASE,
  CONSENTS_PATH,
  RESOURCES_PATH,
  startConsentsInstitution,
  type ConsentsDefect,
  type ConsentsInstitution,
} from '../../fixtures/consents-institution.ts';
import { CONSENT_CHECKS } from '../../suites/checks/consents/consent-checks.ts';
import { authDir, CONSENTS_SPEC, consentOf, HAVE_CONSENTS_SPEC, makeReceiver, runAuth, type AuthDir } from './auth-harness.ts';

let institution: ConsentsInstitution;
let dir: AuthDir;

beforeAll(async () => {
  const receiver = await makeReceiver();
  institution = await startConsentsInstitution([receiver.metadata]);
  dir = authDir(receiver);
});

afterAll(async () => {
  await institution?.close();
  dir?.remove();
});

const ONLY_CONSENT_CHECKS = CONSENT_CHECKS.flatMap((check) => ['--only', check.id]);
/** Checks this institution cannot give a run (plain HTTP: no certificate to bind tokens to; a clock the run cannot move), skipped saying so; auth-defects.test.ts runs them. */
const NEEDS_MTLS_OR_CLOCK = ['consent-expired-token-refused', 'consent-token-bound'];
const skippedChecks = (results: Array<{ status: string; check: string }>) =>
  results
    .filter((r) => r.status === 'skipped')
    .map((r) => r.check)
    .sort();

async function runConsentsSuite(defect?: ConsentsDefect) {
  institution.setDefect(defect);
  const file = dir.write({
    issuer: institution.issuer,
    consent: consentOf(['ACCOUNTS_READ', 'RESOURCES_READ']),
    'consents-url': `${institution.url}${CONSENTS_PATH}`,
    'resources-url': `${institution.url}${RESOURCES_PATH}`,
    ...(HAVE_CONSENTS_SPEC ? { 'consents-spec': CONSENTS_SPEC } : {}),
  });
  const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', `${institution.url}${ACCOUNTS_BASE}`, ONLY_CONSENT_CHECKS);
  return { run, results: dir.results().results };
}

const failedChecks = (results: Awaited<ReturnType<typeof runConsentsSuite>>['results']) =>
  results
    .filter((r) => r.status === 'failed')
    .map((r) => `${r.check}${r.id.includes('#') ? r.id.slice(r.id.indexOf('#')) : ''}`)
    .sort();

describe('the consents suite', () => {
  it('passes every check on a correct institution, each check run at least once', async () => {
    if (!HAVE_CONSENTS_SPEC) console.warn('../shared is absent: the consents suite runs without the consents spec (no schema findings)');
    const { run, results } = await runConsentsSuite();
    expect(
      results.filter((r) => r.status !== 'passed' && !NEEDS_MTLS_OR_CLOCK.includes(r.check)).map((r) => `${r.id}: ${r.message}`),
    ).toEqual([]);
    expect(skippedChecks(results)).toEqual(NEEDS_MTLS_OR_CLOCK);
    expect(new Set(results.map((r) => r.check))).toEqual(new Set(CONSENT_CHECKS.map((check) => check.id)));
    expect(results.filter((r) => r.check === 'consent-invalid-rejected')).toHaveLength(4);
    expect(run.code).toBe(0);
    // The fixture echoed each token base64-encoded in a header of every answer: none may survive into the output.
    const output = [run.stdout, run.stderr, readFileSync(path.join(dir.dir, 'report', 'results.json'), 'utf8')].join('\n');
    const tokens = institution.tokensSeen();
    expect(tokens.length).toBeGreaterThan(2);
    for (const token of tokens) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(Buffer.from(token).toString('base64'));
    }
    expect(output).toContain('x-request-trace');
  }, 60_000);

  const cases: Array<[ConsentsDefect, string[]]> = [
    ['create-200', ['consent-create']],
    ['read-back-differs', ['consent-read-back']],
    ['incomplete-groups-accepted', ['consent-invalid-rejected#COMBINACAO_PERMISSOES_INCORRETA']],
    ['status-never-changes', ['consent-revoke', 'consent-revoked-token-refused']],
    ['wrong-rejected-by', ['consent-revoke']],
    ['revoked-token-works', ['consent-revoked-token-refused']],
    ['permission-not-enforced', ['consent-permission-enforced']],
    ['resources-wrong-type', ['consent-resources-listed']],
  ];
  it.each(cases)(
    '%s fails %j and nothing else (exit 1)',
    async (defect, expected) => {
      const { run, results } = await runConsentsSuite(defect);
      expect(failedChecks(results)).toEqual([...expected].sort());
      expect(skippedChecks(results)).toEqual(NEEDS_MTLS_OR_CLOCK);
      expect(run.code).toBe(1);
    },
    60_000,
  );
});
