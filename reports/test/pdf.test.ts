import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser } from '../browser.ts';
import { ReportNotFoundError, renderPdf } from '../pdf.ts';
import { writeReports } from '../write.ts';
import { BROWSER_PATH, SKIP_REASON, scratchDir } from './browser-harness.ts';
import { accountsResults, bigRun, makeRun } from '../../fixtures/runs.ts';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;

function firstPageText(pdf: string): string {
  const out = spawnSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  return out.stdout;
}

let scratch: Awaited<ReturnType<typeof scratchDir>>;
beforeAll(async () => {
  scratch = await scratchDir();
});
afterAll(async () => {
  await scratch?.cleanup();
});

describe.skipIf(!BROWSER_PATH)(`renderPdf with a real Chromium${SKIP_REASON}`, () => {
  // 3–7 s: Chromium starts and prints.
  it('writes <dir>/report.pdf whose first page shows the verdict and the header', { timeout: 30_000 }, async () => {
    const dir = path.join(scratch.dir, 'small');
    await writeReports(makeRun(accountsResults()), dir, ['html']);
    const started = performance.now();
    const pdf = await renderPdf(dir);
    console.log(`PDF of a 7-result report rendered in ${Math.round(performance.now() - started)} ms`);
    expect(pdf).toBe(path.resolve(dir, 'report.pdf'));
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    if (!HAS_PDFTOTEXT) {
      console.warn('pdftotext not found (Debian: apt-get install poppler-utils); the PDF text is not checked');
      return;
    }
    const text = firstPageText(pdf);
    expect(text).toContain('FAIL');
    // -layout keeps the stat cards in a row: the numbers, then their labels.
    expect(text).toMatch(/\b2\s+1\s+3\s+1\s+7\b/);
    expect(text).toMatch(/FAILED\s+WARNINGS\s+PASSED\s+SKIPPED\s+TOTAL/);
    expect(text).toContain('https://api.banco.example/open-banking/accounts/v2');
    expect(text).toContain('Open Finance Brasil – Accounts 2.4.1');
  });

  it.skipIf(!HAS_PDFTOTEXT)('lists each skipped check with its reason', { timeout: 30_000 }, async () => {
    const dir = path.join(scratch.dir, 'skips');
    await writeReports(makeRun(accountsResults()), dir, ['html']);
    const pdf = await renderPdf(dir);
    const out = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const skipped = accountsResults().filter((result) => result.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const result of skipped) {
      expect(out.stdout).toContain(result.check);
      expect(out.stdout).toContain(result.message);
    }
  });

  // 10–23 s on two busy cores: Chromium prints a 10,000-result report.
  it('writes where --out says, and prints a 10,000-result report with its failures', { timeout: 60_000 }, async () => {
    const dir = path.join(scratch.dir, 'big');
    await writeReports(bigRun(10_000), dir, ['html']);
    const out = path.join(scratch.dir, 'elsewhere', 'big.pdf');
    await mkdir(path.dirname(out), { recursive: true });
    const started = performance.now();
    expect(await renderPdf(dir, { out, browser: BROWSER_PATH })).toBe(out);
    console.log(`PDF of a 10,000-result report rendered in ${Math.round(performance.now() - started)} ms`);
    if (HAS_PDFTOTEXT) expect(firstPageText(out)).toContain('FAIL');
  });
});

describe('renderPdf without what it needs', () => {
  it('names the missing index.html', async () => {
    const error = await renderPdf(path.join(scratch.dir, 'nothing-here')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportNotFoundError);
    expect((error as ReportNotFoundError).code).toBe('report-not-found');
    expect((error as Error).message).toContain(path.join(scratch.dir, 'nothing-here', 'index.html'));
  });

  it('reads AFERIR_BROWSER from the environment it is given', async () => {
    const dir = path.join(scratch.dir, 'for-env');
    await writeReports(makeRun([]), dir, ['html']);
    const error = await renderPdf(dir, { env: { AFERIR_BROWSER: '/nonexistent/from-env' } }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('AFERIR_BROWSER points at /nonexistent/from-env');
  });

  it('names the --browser path that does not exist', async () => {
    const dir = path.join(scratch.dir, 'for-browser');
    await writeReports(makeRun([]), dir, ['html']);
    const error = await renderPdf(dir, { browser: '/nonexistent/chrome' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as BrowserNotFoundError).code).toBe('browser-not-found');
    expect((error as BrowserNotFoundError).exitCode).toBe(2);
    expect((error as Error).message).toContain('/nonexistent/chrome');
  });
});

describe('findBrowser', () => {
  const nowhere = '/nonexistent/chromium';

  it('prefers --browser, then AFERIR_BROWSER, then the default path, then PATH', async () => {
    const bin = path.join(scratch.dir, 'bin');
    await mkdir(bin, { recursive: true });
    const fake = path.join(bin, 'google-chrome');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    expect(findBrowser({ browser: fake, env: {} })).toBe(fake);
    expect(findBrowser({ env: { AFERIR_BROWSER: fake }, defaultPath: nowhere })).toBe(fake);
    expect(findBrowser({ env: { PATH: bin }, defaultPath: fake })).toBe(fake);
    expect(findBrowser({ env: { PATH: `/nonexistent${path.delimiter}${bin}` }, defaultPath: nowhere })).toBe(fake);
  });

  it('says what to install and which option or variable to set when nothing is found', () => {
    let error: unknown;
    try {
      findBrowser({ env: { PATH: '/nonexistent' }, defaultPath: nowhere });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as Error).message).toMatch(/apt-get install chromium.*--browser <path>.*AFERIR_BROWSER/);
  });

  it('does not fall back silently when AFERIR_BROWSER is wrong', () => {
    expect(() => findBrowser({ env: { AFERIR_BROWSER: nowhere, PATH: '' } })).toThrow(`AFERIR_BROWSER points at ${nowhere}`);
  });
});
