/**
 * The evidence of a failure in the HTML report, in a real Chromium: every
 * exchange its findings are about is shown (not only the first), each with
 * its own findings highlighted on the wrong value, and the curl command's
 * copy button copies the command.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountsFixture, type AccountsDefect } from '../../fixtures/ofb-accounts-fixture.ts';
import { runSuite } from '../../suites/engine/run-suite.ts';
import type { RunResults } from '../../suites/result-model.ts';
import { BROWSER_PATH, SKIP_REASON, launchBrowser, scratchDir, writeReportUrl } from './browser-harness.ts';

const NOW = new Date('2026-05-10T12:00:00Z');

async function runAgainst(defect: AccountsDefect, only: string[]): Promise<RunResults> {
  const fixture = await startAccountsFixture({ defect, now: () => NOW });
  try {
    return await runSuite({ suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }], token: 'full-token-1234', now: NOW, only });
  } finally {
    await fixture.close();
  }
}

// A Chromium page per test: 3–10 s each on two busy cores.
describe.skipIf(!BROWSER_PATH)(`the evidence of a failure in a real browser${SKIP_REASON}`, { timeout: 60_000 }, () => {
  let browser: Browser;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let schemaRun: RunResults;
  let schemaUrl: string;
  let detailRun: RunResults;
  let detailUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    scratch = await scratchDir();
    schemaRun = await runAgainst('wrong-pattern', ['response-schema', 'paging-walk']);
    schemaUrl = await writeReportUrl(schemaRun, scratch.dir, 'schema');
    detailRun = await runAgainst('detail-disagrees-with-list', ['list-detail-consistency', 'valid-request']);
    detailUrl = await writeReportUrl(detailRun, scratch.dir, 'detail');
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await scratch?.cleanup();
    expect(pageErrors).toEqual([]);
  });

  async function openResult(url: string, id: string, run: RunResults): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // What the copy button hands the clipboard, recorded on the way (the real clipboard is then written too).
    await page.addInitScript(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      clipboard.writeText = (text: string) => {
        (window as unknown as { copied: string }).copied = text;
        return write(text).catch(() => undefined);
      };
    });
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const result = run.results.find((r) => r.id === id)!;
    const group = page
      .locator('section.group')
      .filter({ has: page.locator('code.group-name', { hasText: new RegExp(`^${result.operation}$`) }) });
    await group.locator('.group-head').click();
    const index = run.results.indexOf(result);
    await page.click(`article.result[data-index="${index}"] > .row-head`);
    await page.waitForSelector(`article.result[data-index="${index}"] .detail`);
    return page;
  }

  it('shows every response a multi-response failure was found on, each with its own highlights', async () => {
    const id = 'response-schema@accountsGetAccounts';
    const result = schemaRun.results.find((r) => r.id === id)!;
    expect(result.status).toBe('failed');
    const others = result.exchanges ?? [];
    expect(others.length).toBeGreaterThan(1);
    const page = await openResult(schemaUrl, id, schemaRun);
    const row = page.locator(`article.result[data-index="${schemaRun.results.indexOf(result)}"]`);
    expect(await row.locator('.result-id-value').textContent()).toBe(id);
    const sections = row.locator('.exchange');
    expect(await sections.count()).toBe(1 + others.length);
    for (const [i, other] of others.entries()) {
      const section = sections.nth(i + 1);
      expect(await section.locator('.exchange-title').textContent()).toContain(new URL(other.request.url).search);
      // Collapsed until opened: a fifty-page walk must not build fifty bodies at once.
      expect(await section.locator('.line').count()).toBe(0);
      await section.locator('summary').click();
      // Each page's body has its own wrong compeCode lit up: "3411" off the pattern ^\d{3}$.
      await expect.poll(() => section.locator('.line.hl').count()).toBeGreaterThan(0);
      const lit = await section.locator('.line.hl').allTextContents();
      for (const line of lit) expect(line).toContain('"compeCode": "3411"');
    }
    await page.close();
  });

  it('highlights the wrong value of list-detail-consistency: the detail that disagrees, on every detail', async () => {
    const id = 'list-detail-consistency@accountsGetAccountsAccountId';
    const result = detailRun.results.find((r) => r.id === id)!;
    expect(result.status).toBe('failed');
    const wrong = result.findings![0]!.actual;
    const right = result.findings![0]!.expected;
    expect(wrong).not.toEqual(right);
    const page = await openResult(detailUrl, id, detailRun);
    const row = page.locator(`article.result[data-index="${detailRun.results.indexOf(result)}"]`);
    const sections = row.locator('.exchange');
    expect(await sections.count()).toBe(new Set(result.findings!.map((f) => f.exchange)).size);
    for (let i = 1; i < (await sections.count()); i++) await sections.nth(i).locator('summary').click();
    // A collapsed exchange is built on its `toggle` event, which fires after the click returns.
    await expect.poll(() => row.locator('.line.hl').count()).toBe(result.findings!.length);
    const lit = await row.locator('.line.hl').allTextContents();
    for (const line of lit) {
      expect(line).toContain(`"checkDigit": ${JSON.stringify(wrong)}`);
      expect(line).not.toContain(JSON.stringify(right));
    }
    await page.close();
  });

  it("copies the failure's curl command", async () => {
    const id = 'response-schema@accountsGetAccounts';
    const result = schemaRun.results.find((r) => r.id === id)!;
    const page = await openResult(schemaUrl, id, schemaRun);
    const row = page.locator(`article.result[data-index="${schemaRun.results.indexOf(result)}"]`);
    const first = row.locator('.exchange').first();
    expect(await first.locator('.curl-command').textContent()).toBe(result.curl);
    await first.locator('button.copy-curl').click();
    await page.waitForSelector('button.copy-curl[data-copied="true"]');
    expect(await page.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe(result.curl);
    expect(result.curl).toContain('${AFERIR_TOKEN}');
    expect(result.curl).not.toContain('full-token-1234');
    await page.close();
  });
});
