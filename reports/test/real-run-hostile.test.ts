/**
 * A hostile target in a real run: the accounts fixture behind a proxy that
 * puts markup, a `</script>`, an `onerror` image and a CDATA end into the
 * account detail's compeCode, and echoes the caller's Authorization header
 * beside them. The report must show all of it as text and run none of it,
 * junit.xml must stay well-formed, and no file may hold either token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITED_TOKEN, startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import { BROWSER_PATH, SKIP_REASON, scratchDir } from './browser-harness.ts';
import {
  expectedJUnitCounts,
  formattedSummary,
  pageCounts,
  parseJUnit,
  runAndReport,
  useReportBrowser,
  type RealReport,
} from './real-run-harness.ts';
import { startRewritingProxy, type RewritingProxy } from '../../fixtures/rewriting-proxy.ts';

const NOW = new Date('2026-05-10T12:00:00Z');
const TOKEN = 'eyJhbGciOiJQUzI1NiJ9.aG9zdGlsZS1ydW4tdG9rZW4.Zr8k-sig-90ab3f';
const DETAIL = 'accountsGetAccountsAccountId';
const HOSTILE = ['<script>window.__pwned=1</script>', '</script>', '<img src=x onerror=window.__pwned=2>', '"]]>'];
const HOSTILE_TEXT = HOSTILE.join(' ');
/** How the pretty-printed body writes the hostile value: as a JSON string. */
const displayed = (text: string) => JSON.stringify(text).slice(1, -1);

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let fixture: AccountsFixture | undefined;
let proxy: RewritingProxy | undefined;
let report: RealReport;

beforeAll(async () => {
  scratch = await scratchDir();
  fixture = await startAccountsFixture({ now: () => NOW });
  const upstream = new URL(fixture.url);
  proxy = await startRewritingProxy(upstream.origin, ({ pathname, status, body, requestHeaders }) => {
    if (status !== 200 || !/\/accounts\/[^/]+$/.test(pathname)) return undefined;
    const detail = body as { data: Record<string, unknown> };
    // A target that echoes what it was sent: the token must still never reach a report.
    return { ...detail, data: { ...detail.data, compeCode: `${HOSTILE_TEXT} echo: ${requestHeaders.authorization ?? ''}` } };
  });
  report = await runAndReport(
    { target: `${proxy.origin}${upstream.pathname}`, token: TOKEN, tokenWithoutPermissions: LIMITED_TOKEN, now: NOW },
    `${scratch.dir}/hostile`,
  );
});

afterAll(async () => {
  await proxy?.close();
  await fixture?.close();
  await scratch?.cleanup();
});

describe('the report files of a run against a hostile target', () => {
  it('fails response-schema on the detail, with the hostile value as evidence and the echoed token redacted', () => {
    expect(report.json.verdict).toBe('fail');
    const result = report.json.results.find((r) => r.status === 'failed' && r.check === 'response-schema' && r.operation === DETAIL)!;
    expect(result).toBeDefined();
    expect(result.response?.body).toContain(displayed(HOSTILE_TEXT));
    expect(result.response?.body).toContain('echo: Bearer [redacted]');
  });

  it("junit.xml parses, keeps the hostile text, and its counts equal results.json's summary", () => {
    const { counts, text } = parseJUnit(report.files['junit.xml']!);
    expect(counts).toEqual(expectedJUnitCounts(report.json.summary));
    // The parser gives the text back unescaped: the CDATA end and the markup survived as text.
    expect(text).toContain(JSON.stringify(displayed(HOSTILE_TEXT)).slice(1, -1));
  });

  it('no output file holds either token', () => {
    for (const [file, text] of Object.entries(report.files)) {
      for (const token of [TOKEN, LIMITED_TOKEN]) expect(text.includes(token), `${token} in ${file}`).toBe(false);
    }
  });
});

describe.skipIf(!BROWSER_PATH)(`the HTML report of a hostile target in Chromium${SKIP_REASON}`, () => {
  const chromium = useReportBrowser();

  it("runs none of the target's markup and shows it as text", async () => {
    const page = await chromium.open(report.url);
    expect(await pageCounts(page)).toEqual(formattedSummary(report.json.summary));
    await page.check('#failures-only');
    // Open every failure (response-schema, and the list-detail check the changed value also trips).
    for (const head of await page.locator('.result[data-status="failed"] .row-head').all()) await head.click();
    expect(await page.locator('.detail').count()).toBe(report.json.summary.failed);
    const schemaRow = page
      .locator(`[data-group$="${DETAIL}"] .result`)
      .filter({ has: page.locator('.row-check', { hasText: /^response-schema$/ }) });
    const highlighted = schemaRow.locator('.detail .line.hl');
    expect(await highlighted.getAttribute('data-pointer')).toBe('/data/compeCode');
    expect(await highlighted.innerText()).toContain(`"compeCode": "${displayed(HOSTILE_TEXT)} echo: Bearer [redacted]"`);
    const visibleText = await page.locator('#view').innerText();
    for (const piece of HOSTILE.map(displayed)) expect(visibleText).toContain(piece);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#view img, #view script, #view iframe, #view [onerror]').count()).toBe(0);
    // Ours only: the embedded data block and the report's script.
    expect(await page.locator('script').count()).toBe(2);
    await page.close();
  });
});
