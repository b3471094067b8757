import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_PATH, SKIP_REASON, launchBrowser, scratchDir, writeReportUrl } from './browser-harness.ts';
import { HOSTILE, accountsResults, bigRun, hostileResult, makeRun } from '../../fixtures/runs.ts';

describe.skipIf(!BROWSER_PATH)(`the HTML report in a real browser${SKIP_REASON}`, () => {
  let browser: Browser;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let smallUrl: string;
  let hostileUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    scratch = await scratchDir();
    smallUrl = await writeReportUrl(makeRun(accountsResults()), scratch.dir, 'small');
    hostileUrl = await writeReportUrl(makeRun([...accountsResults(), hostileResult('h1'), hostileResult('h2')]), scratch.dir, 'hostile');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await scratch?.cleanup();
    expect(pageErrors).toEqual([]);
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Only the report itself may load: any other request would be the page phoning out.
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    page.on('requestfailed', (request) => pageErrors.push(`unexpected request ${request.url()}`));
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    return page;
  }

  const countOf = (page: Page, key: string) => page.textContent(`[data-count="${key}"]`);

  it('shows the verdict and the counts of the summary', async () => {
    const page = await open(smallUrl);
    expect(await page.textContent('#verdict')).toContain('FAIL');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('fail');
    expect(await countOf(page, 'failed')).toBe('2');
    expect(await countOf(page, 'warnings')).toBe('1');
    expect(await countOf(page, 'passed')).toBe('3');
    expect(await countOf(page, 'skipped')).toBe('1');
    expect(await countOf(page, 'total')).toBe('7');
    const header = await page.textContent('#run-header');
    expect(header).toContain('https://api.banco.example/open-banking/accounts/v2');
    expect(header).toContain('Open Finance Brasil – Accounts 2.4.1');
    expect(header).toContain('2025-11-23 13:38:00 UTC');
    expect(header).toContain('12.3 s');
    expect(header).toContain('aferir 0.1.0');
    await page.close();
  });

  it('says PASS when nothing failed', async () => {
    const url = await writeReportUrl(makeRun(accountsResults().filter((result) => result.status === 'passed')), scratch.dir, 'pass');
    const page = await open(url);
    expect(await page.textContent('#verdict')).toContain('PASS');
    await page.close();
  });

  it('an interrupted run says INTERRUPTED in the header, with what did not run, even when nothing failed', async () => {
    const passed = makeRun(accountsResults().filter((result) => result.status === 'passed'));
    const run = {
      ...passed,
      verdict: 'fail' as const,
      interrupted: true,
      interruption: { signal: 'SIGTERM', operationsNotRun: 3, checksNotRun: 41 },
    };
    const page = await open(await writeReportUrl(run, scratch.dir, 'interrupted'));
    expect(await page.textContent('#verdict')).toContain('INTERRUPTED');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('interrupted');
    expect(await page.textContent('#interrupted-banner')).toMatch(/interrupted by SIGTERM: 3 operations and 41 checks did not run/);
    await page.close();
  });

  it('starts collapsed, lists failures first in a group, and "Failures only" hides passed results', async () => {
    const page = await open(smallUrl);
    expect(await page.locator('.result').count()).toBe(0);
    await page.click('#expand-all');
    expect(await page.locator('.result[data-status="passed"]').count()).toBe(3);
    const statuses = await page
      .locator('[data-group$="accountsGetAccounts"] .result')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(statuses).toEqual(['failed', 'failed', 'skipped', 'passed']);
    await page.check('#failures-only');
    await page.waitForFunction(() => document.querySelectorAll('.result[data-status="passed"]').length === 0);
    expect(await page.locator('.result[data-status="failed"]').count()).toBe(2);
    expect(await page.locator('.result[data-status="warning"]').count()).toBe(0);
    expect(await page.textContent('#match-count')).toBe('Showing 2 of 7 results');
    await page.close();
  });

  it('filters by status, check and search text', async () => {
    const page = await open(smallUrl);
    await page.selectOption('#filter-status', 'warning');
    expect(await page.textContent('#match-count')).toBe('Showing 1 of 7 results');
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-check', 'fapi-interaction-id-echo');
    expect(await page.textContent('#match-count')).toBe('Showing 2 of 7 results');
    await page.selectOption('#filter-check', '');
    await page.fill('#search', 'LAST page');
    await page.waitForFunction(() => document.querySelector('#match-count')?.textContent === 'Showing 1 of 7 results');
    // A narrow filter opens the groups it leaves, so the match is on screen at once.
    expect(await page.locator('.result .row-check').allTextContents()).toEqual(['paging-links']);
    await page.close();
  });

  it('expanding a failure shows its description, findings, evidence and the highlighted JSON path', async () => {
    const page = await open(smallUrl);
    await page.click('[data-group$="accountsGetAccounts"] .group-head');
    await page.click('.result[data-index="0"] .row-head');
    const detail = page.locator('.result[data-index="0"] .detail');
    expect(await detail.locator('.check-description').textContent()).toContain('matches the JSON Schema the spec documents');
    expect(await detail.locator('.finding-path').textContent()).toBe('$.data[0].accountId');
    expect(await detail.locator('.request-line').textContent()).toContain(
      'GET https://api.banco.example/open-banking/accounts/v2/accounts?page-size=25',
    );
    expect(await detail.locator('.response-line').textContent()).toContain('HTTP 200');
    const highlighted = detail.locator('.line.hl');
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.getAttribute('data-pointer')).toBe('/data/0/accountId');
    expect((await highlighted.textContent())?.trim()).toBe('"accountId": "not a valid id!"');
    expect(await highlighted.isVisible()).toBe(true);
    await page.close();
  });

  it('highlights only the findings about the exchange shown as evidence', async () => {
    const [first, ...rest] = accountsResults();
    expect(first).toBeDefined();
    const shown = 'GET /open-banking/accounts/v2/accounts?page-size=25 → 200';
    const other = 'GET /open-banking/accounts/v2/accounts?page=2&page-size=25 → 200';
    const withPages = {
      ...first!,
      findings: [
        { message: 'pattern', path: '$.data[0].accountId', rule: 'pattern', exchange: shown },
        { message: 'enum on page 2', path: '$.data[0].type', rule: 'enum', exchange: other },
      ],
    };
    const url = await writeReportUrl(makeRun([withPages, ...rest]), scratch.dir, 'exchanges');
    const page = await open(url);
    await page.click('[data-group$="accountsGetAccounts"] .group-head');
    await page.click('.result[data-index="0"] .row-head');
    const detail = page.locator('.result[data-index="0"] .detail');
    expect(await detail.locator('.finding-path').count()).toBe(2);
    expect(await detail.locator('.line.hl').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-pointer')))).toEqual([
      '/data/0/accountId',
    ]);
    await page.close();
  });

  it('shows coverage: exercised and missing operations and status codes', async () => {
    const page = await open(smallUrl);
    await page.click('[data-view="coverage"]');
    expect(await page.isVisible('#coverage')).toBe(true);
    expect(await page.isVisible('#view')).toBe(false);
    expect(await page.textContent('.coverage-summary')).toBe('3 of 4 operations exercised · 4 of 31 documented status codes exercised');
    expect(await page.locator('tr.uncovered').textContent()).toContain('accountsGetAccountsAccountIdTransactions');
    expect(await page.locator('.coverage-table .code-extra').textContent()).toBe('418');
    await page.close();
  });

  it('never runs script from the target, and shows it as text', async () => {
    const page = await open(hostileUrl);
    await page.click('#expand-all');
    for (const head of await page.locator('.row-head').all()) await head.click();
    expect(await page.locator('.detail').count()).toBe(await page.locator('.result').count());
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#view img, #view script, #view iframe').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    const text = await page.textContent('#view');
    for (const hostile of [HOSTILE.script, HOSTILE.closeScript, HOSTILE.img, HOSTILE.cdataEnd]) expect(text).toContain(hostile);
    await page.close();
  });

  it('prints the header and verdict first, then every failure with its evidence', async () => {
    const page = await open(smallUrl);
    const detailed = await page.evaluate(() => (window as unknown as { aferirPreparePrint: () => number }).aferirPreparePrint());
    expect(detailed).toBe(3);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#toolbar')).toBe(false);
    expect(await page.isVisible('#coverage')).toBe(true);
    expect(await page.locator('.detail').count()).toBe(3);
    expect(await page.locator('.group').count()).toBe(3);
    const order = await page.evaluate(() => [...document.body.children].map((node) => node.id).filter(Boolean));
    expect(order.slice(0, 2)).toEqual(['run-header', 'main']);
    await page.close();
  });

  it('writes junit.xml that a strict XML 1.0 parser accepts, hostile text and all', async () => {
    const xml = await readFile(fileURLToPath(hostileUrl.replace(/index\.html$/, 'junit.xml')), 'utf8');
    const page = await browser.newPage();
    const errors = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return doc.getElementsByTagName('parsererror').length;
    }, xml);
    expect(errors).toBe(0);
    await page.close();
  });

  // ~8–12 s on two busy cores: writing and opening a 10,000-result report.
  it('becomes interactive quickly with 10,000 results', { timeout: 40_000 }, async () => {
    const url = await writeReportUrl(bigRun(10_000), scratch.dir, 'big');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const started = performance.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const ready = performance.now() - started;
    await page.check('#failures-only');
    await page.waitForFunction(() => document.querySelector('#match-count')?.textContent === 'Showing 200 of 10,000 results');
    await page.click('.group-failing .group-head >> nth=0');
    await page.click('.result[data-status="failed"] .row-head >> nth=0');
    await page.waitForSelector('.line.hl');
    const interactive = performance.now() - started;
    console.log(
      `10,000-result report: ready after ${Math.round(ready)} ms, filtered and a failure opened after ${Math.round(interactive)} ms`,
    );
    expect(interactive).toBeLessThan(10_000);
    await page.close();
  });
});
