/**
 * Reports of real runs: the Accounts suite against the mock (which must pass)
 * and against the broken fixture server with its wrong-pattern defect (which
 * must fail on compeCode), written to disk and read back the way a reviewer
 * (Chromium) and a CI system (an XML parser, grep) read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/index.ts';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import { BROWSER_PATH, SKIP_REASON, scratchDir } from './browser-harness.ts';
import {
  SPEC,
  expectedJUnitCounts,
  formattedSummary,
  pageCounts,
  parseJUnit,
  runAndReport,
  useReportBrowser,
  type RealReport,
} from './real-run-harness.ts';

const NOW = new Date('2026-05-10T12:00:00Z');
/** Holds every permission on the mock and on the fixture (any bearer token but the limited one does). */
const TOKEN = 'eyJhbGciOiJQUzI1NiJ9.cmVhbC1ydW4tcmVwb3J0LXRva2Vu.Qx7v-sig-4d1c9e';
/** The mock's token convention: holds one permission, none of which the Accounts API needs, so every call is 403. */
const MOCK_LIMITED_TOKEN = 'aferir:CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ';
const DETAIL = 'accountsGetAccountsAccountId';
const LIST = 'accountsGetAccounts';

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let mock: RunningMock | undefined;
let fixture: AccountsFixture | undefined;
let passing: RealReport;
let failing: RealReport;

beforeAll(async () => {
  scratch = await scratchDir();
  mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, now: NOW, specs: [SPEC], quiet: true });
  fixture = await startAccountsFixture({ defect: 'wrong-pattern', now: () => NOW });
  passing = await runAndReport(
    { target: mock.apis[0]!.url, token: TOKEN, tokenWithoutPermissions: MOCK_LIMITED_TOKEN, now: NOW },
    `${scratch.dir}/mock`,
  );
  failing = await runAndReport(
    { target: fixture.url, token: TOKEN, tokenWithoutPermissions: LIMITED_TOKEN, now: NOW },
    `${scratch.dir}/wrong-pattern`,
  );
});

afterAll(async () => {
  await mock?.close();
  await fixture?.close();
  await scratch?.cleanup();
});

const cases = () => [
  { name: 'the mock', report: passing, tokens: [TOKEN, MOCK_LIMITED_TOKEN] },
  { name: 'the wrong-pattern fixture', report: failing, tokens: [TOKEN, LIMITED_TOKEN] },
];

describe('the report files of real runs', () => {
  it('results.json is the run: the mock passes, the wrong-pattern fixture fails response-schema on the list and the detail', () => {
    expect(passing.json.summary).toEqual(passing.run.summary);
    expect(passing.json.verdict).toBe('pass');
    expect(passing.json.summary.passed).toBeGreaterThan(50);
    expect(failing.json.summary).toEqual(failing.run.summary);
    expect(failing.json.verdict).toBe('fail');
    const failed = failing.json.results
      .filter((r) => r.status === 'failed')
      .map((r) => `${r.check} @ ${r.operation}`)
      .sort();
    expect(failed).toEqual([`response-schema @ ${LIST}`, `response-schema @ ${DETAIL}`]);
  });

  it.each(['the mock', 'the wrong-pattern fixture'])("junit.xml of %s parses and its counts equal results.json's summary", (name) => {
    const { report } = cases().find((c) => c.name === name)!;
    const { counts } = parseJUnit(report.files['junit.xml']!);
    expect(counts).toEqual(expectedJUnitCounts(report.json.summary));
  });

  it.each(['the mock', 'the wrong-pattern fixture'])('no output file of %s holds either token', (name) => {
    const { report, tokens } = cases().find((c) => c.name === name)!;
    // The run did send them: the engine recorded an Authorization header on its requests, redacted.
    expect(report.json.results.some((r) => r.request?.headers?.authorization === '[redacted]')).toBe(true);
    for (const [file, text] of Object.entries(report.files)) {
      for (const token of tokens) expect(text.includes(token), `${token} in ${file}`).toBe(false);
    }
  });
});

describe.skipIf(!BROWSER_PATH)(`the HTML report of real runs in Chromium${SKIP_REASON}`, () => {
  const chromium = useReportBrowser();

  it('against the mock: PASS, with the counts of results.json', async () => {
    const page = await chromium.open(passing.url);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('pass');
    expect(await page.textContent('#verdict')).toContain('PASS');
    expect(await pageCounts(page)).toEqual(formattedSummary(passing.json.summary));
    const header = await page.textContent('#run-header');
    expect(header).toContain(passing.json.target);
    expect(header).toContain(passing.json.specs[0]!.title);
    expect(await page.textContent('#match-count')).toBe(`Showing ${passing.json.summary.total} of ${passing.json.summary.total} results`);
    await page.close();
  });

  it('against the wrong-pattern fixture: FAIL, with the counts of results.json', async () => {
    const page = await chromium.open(failing.url);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('fail');
    expect(await page.textContent('#verdict')).toContain('FAIL');
    expect(await pageCounts(page)).toEqual(formattedSummary(failing.json.summary));
    await page.close();
  });

  it('"Failures only" hides the passed results and keeps the two failures', async () => {
    const page = await chromium.open(failing.url);
    await page.click('#expand-all');
    expect(await page.locator('.result[data-status="passed"]').count()).toBeGreaterThan(10);
    await page.check('#failures-only');
    const { total, failed } = failing.json.summary;
    await page.waitForFunction(
      (text) => document.querySelector('#match-count')?.textContent === text,
      `Showing ${failed} of ${total} results`,
    );
    expect(await page.locator('.result[data-status="passed"]').count()).toBe(0);
    expect(await page.locator('.result[data-status="failed"]').count()).toBe(failed);
    await page.close();
  });

  it('expanding the detail failure shows the finding and highlights $.data.compeCode in the pretty-printed body', async () => {
    const page = await chromium.open(failing.url);
    await page.check('#failures-only');
    const row = page.locator(`[data-group$="${DETAIL}"] .result[data-status="failed"]`);
    await row.locator('.row-head').click();
    const detail = row.locator('.detail');
    expect(await detail.locator('.finding-path').allTextContents()).toContain('$.data.compeCode');
    expect(await detail.locator('.response-line').textContent()).toContain('HTTP 200');
    // Pretty-printed: one line per value, indented by depth.
    expect(await detail.locator('pre.body.json .line').count()).toBeGreaterThan(8);
    const highlighted = detail.locator('.line.hl');
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.getAttribute('data-pointer')).toBe('/data/compeCode');
    expect(await highlighted.textContent()).toMatch(/^ {4}"compeCode": "3411",?\n$/);
    expect(await highlighted.isVisible()).toBe(true);
    await page.close();
  });
});
