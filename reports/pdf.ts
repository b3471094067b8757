/**
 * `aferir report pdf <dir>`: prints the HTML report to A4 with a local
 * Chromium through playwright-core. The page is opened from disk, asked to
 * lay out its print view (issues expanded, coverage), then printed; nothing
 * leaves the machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { AferirError } from '../specs/errors.ts';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { REPORT_FILE_NAMES } from './formats.ts';

export interface RenderPdfOptions {
  /** Where to write the PDF. Default: `<reportDir>/report.pdf`. */
  out?: string;
  /** Chromium/Chrome executable. Default: AFERIR_BROWSER, then /usr/bin/chromium, then chromium/google-chrome on PATH. */
  browser?: string;
  /** Where AFERIR_BROWSER and PATH are read, so the CLI can pass its own. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Gives up on loading and printing after this many milliseconds. Default: 60,000. */
  timeoutMs?: number;
}

export class ReportNotFoundError extends AferirError {
  constructor(file: string) {
    super(
      'report-not-found',
      `There is no HTML report at ${file}; run 'aferir run' (or 'aferir demo') with --format html first, or pass the directory that holds index.html.`,
      2,
    );
  }
}

class PdfRenderError extends AferirError {
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super('pdf-render-failed', `Could not render ${file} to PDF: ${reason}`, 2, { cause });
  }
}

/** Renders `<reportDir>/index.html` to a PDF and returns the PDF's path. */
export async function renderPdf(reportDir: string, options: RenderPdfOptions = {}): Promise<string> {
  const html = path.resolve(reportDir, REPORT_FILE_NAMES.html);
  if (!existsSync(html)) throw new ReportNotFoundError(html);
  const executablePath = findBrowser({ browser: options.browser, env: options.env });
  const out = path.resolve(options.out ?? path.join(reportDir, 'report.pdf'));
  const timeout = options.timeoutMs ?? 60_000;

  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: BROWSER_ARGS, headless: true, timeout });
  } catch (cause) {
    throw new PdfRenderError(html, cause);
  }
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    // The print view: every failure and warning with its evidence, all operations listed.
    await page.evaluate(() => (window as unknown as { aferirPreparePrint?: () => number }).aferirPreparePrint?.());
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    return out;
  } catch (cause) {
    throw new PdfRenderError(html, cause);
  } finally {
    await browser.close();
  }
}
