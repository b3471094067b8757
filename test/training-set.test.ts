/**
 * The training set (issue 11): every official file of ../shared/reference-specs/ecosystem/
 * and the seed specs beside it. Per spec: it loads (what `aferir specs lint` does), the
 * mock serves it in-process on port 0 with a fixed seed and clock, and every suite runs
 * against that mock the way a user would (`aferir run --spec F --target <mock>`: a full
 * token and one without permissions, no `--param`). 0 failed is the bar, and a skip must
 * give a reason. Prints a table (spec, results, passed, failed, skipped, seconds) and the
 * failing checks with their messages.
 * `AFERIR_TRAINING=words` keeps only the files whose path contains one of the words.
 * Skipped with a message when ../shared is not beside the clone.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HAVE_REFERENCES, REFERENCE_DIR, REFERENCES_SKIP_REASON } from '../fixtures/reference-pairs.ts';
import { startMock } from '../mocks/server/start.ts';
import { loadSpec } from '../specs/load.ts';
import { isSignedMedia } from '../specs/lookup.ts';
import type { LoadedSpec } from '../specs/types.ts';
import { runSuite } from '../suites/engine/run-suite.ts';
import type { CheckResult } from '../suites/result-model.ts';

const SEED = 1;
const NOW = new Date('2026-05-10T12:00:00Z');
const TOKEN = 'aferir-training:secret';
const LIMITED_TOKEN = 'aferir:';

function specFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .flatMap((file) => (statSync(file).isDirectory() ? specFiles(file) : [file]))
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort();
}

const LINKS_NEED_A_DOMAIN = 'the links pattern demands a host with a top-level domain (\\.[a-z]{2,6}), which no loopback URL has';

/** POST /consents runs since its `data` envelope is no longer taken for an id to discover; the mock refuses what the data engine sends. */
const CONSENT_POST_GAP =
  'the data engine picks permissions that are not whole permission groups, and the consents mock judges expirationDateTime by the real clock, not --now';
const CONSENT_POST_GAPS = {
  'valid-request@consentsPostConsents': CONSENT_POST_GAP,
  'permission-required@consentsPostConsents': CONSENT_POST_GAP,
};

/**
 * The open gaps, each a failure the mock cannot avoid today, with why. A listed gap that stops
 * failing fails the test too, so this list only shrinks. Keyed by the file's path under
 * reference-specs; the values are `check@operation` of the results that fail.
 */
const KNOWN_GAPS: Record<string, Record<string, string>> = {
  'ecosystem/ofb/automatic-payments-2.0.0.yml': {
    'list-detail-consistency@automaticPaymentsGetPixRecurringPaymentsPaymentId':
      'the list is filtered by its required recurringConsentId query; the data engine gives the listed items that value but not their detail',
  },
  'ecosystem/ofb/consents-3.3.1.yml': CONSENT_POST_GAPS,
  'ecosystem/opin/consents_v3-v3.0.0.yaml': CONSENT_POST_GAPS,
  'ecosystem/ofb/payments-4.0.0.yml': {
    'response-schema@paymentsPostConsents': LINKS_NEED_A_DOMAIN,
    'response-schema@paymentsPostPixPayments': LINKS_NEED_A_DOMAIN,
    'response-schema@paymentsGetConsentsConsentId': LINKS_NEED_A_DOMAIN,
    'response-schema@paymentsGetPixPaymentsPaymentId': LINKS_NEED_A_DOMAIN,
    'response-schema@paymentsPatchPixPaymentsPaymentId': LINKS_NEED_A_DOMAIN,
    'response-schema@paymentsPatchPixPaymentsConsentId': LINKS_NEED_A_DOMAIN,
  },
  'ecosystem/ofb/resources-3.0.0.yml': {
    'response-schema@resourcesGetResources': LINKS_NEED_A_DOMAIN,
  },
};

function signsSomething(spec: LoadedSpec): boolean {
  return spec.operations.some((operation) => operation.responses.some((response) => response.content.some(isSignedMedia)));
}

const FILTER = (process.env.AFERIR_TRAINING ?? '').split(',').filter(Boolean);
const FILES = HAVE_REFERENCES
  ? specFiles(REFERENCE_DIR).filter((file) => FILTER.length === 0 || FILTER.some((word) => file.includes(word)))
  : ['each reference spec'];

interface Row {
  spec: string;
  results: number;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  failures: string[];
  unexplainedSkips: string[];
}

const rows: Row[] = [];

function describeFailure(result: CheckResult): string {
  const first = result.findings?.[0];
  const where = first?.path ? ` at ${first.path}` : '';
  return `${result.check}@${result.operation}: ${result.message}${first ? ` — ${first.message}${where}` : ''}`.slice(0, 400);
}

describe.skipIf(!HAVE_REFERENCES)(`the training set${REFERENCES_SKIP_REASON}`, () => {
  afterAll(() => {
    if (rows.length === 0) return;
    const lines = ['spec | results | passed | failed | skipped | seconds', '--- | ---: | ---: | ---: | ---: | ---:'];
    for (const row of rows)
      lines.push(`${row.spec} | ${row.results} | ${row.passed} | ${row.failed} | ${row.skipped} | ${row.seconds.toFixed(1)}`);
    const total = rows.reduce((sum, row) => sum + row.failed, 0);
    lines.push(`**${rows.length} specs** | ${rows.reduce((s, r) => s + r.results, 0)} | | **${total}** | |`);
    const details = rows.flatMap((row) => row.failures.map((failure) => `  ${row.spec}: ${failure}`));
    console.log(`${lines.join('\n')}\n${details.length ? `failures:\n${details.join('\n')}` : 'no failures'}`);
  });

  it.each(FILES)('%s: lints, is mocked, and passes its own suites', { timeout: 600_000 }, async (file) => {
    const started = performance.now();
    const spec = await loadSpec(file);
    expect(spec.operations.length, 'the spec has operations').toBeGreaterThan(0);
    const mock = await startMock({ port: 0, loaded: [spec], seed: SEED, now: NOW, quiet: true });
    try {
      const [api] = mock.apis;
      const run = await runSuite({
        suites: [{ spec, target: api!.url }],
        token: TOKEN,
        tokenWithoutPermissions: LIMITED_TOKEN,
        // What a user names for a spec with signed bodies: the mock's JWKS; jws-signature verifies them against it.
        ...(signsSomething(spec) ? { targetJwks: `${mock.url}/_aferir/jwks` } : {}),
        now: NOW,
        seed: SEED,
      });
      const failed = run.results.filter((result) => result.status === 'failed');
      const skipped = run.results.filter((result) => result.status === 'skipped');
      const row: Row = {
        spec: path.relative(REFERENCE_DIR, file),
        results: run.results.length,
        passed: run.summary.passed,
        failed: run.summary.failed,
        skipped: run.summary.skipped,
        seconds: (performance.now() - started) / 1000,
        failures: failed.map(describeFailure),
        unexplainedSkips: skipped.filter((result) => result.message.trim() === '').map((result) => result.id),
      };
      rows.push(row);
      expect(row.unexplainedSkips, 'every skip says why').toEqual([]);
      const gaps = KNOWN_GAPS[row.spec] ?? {};
      const failing = [...new Set(failed.map((result) => `${result.check}@${result.operation}`))].sort();
      expect(
        failing.filter((id) => !(id in gaps)).map((id) => row.failures.find((f) => f.startsWith(id)) ?? id),
        'failures',
      ).toEqual([]);
      expect(failing, 'every known gap still fails (remove the ones fixed)').toEqual(Object.keys(gaps).sort());
    } finally {
      await mock.close();
    }
  });
});
