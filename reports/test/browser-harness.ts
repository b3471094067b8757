/**
 * Shared set-up for the tests that open reports in a real Chromium: the
 * browser to use (or why the tests skip), a launcher with the flags renderPdf
 * uses, and a helper that writes a report into a temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { RunResults } from '../../suites/result-model.ts';
import { BROWSER_ARGS, findBrowserOrUndefined } from '../browser.ts';
import { writeReports, type WriteReportsOptions } from '../write.ts';

export const BROWSER_PATH = findBrowserOrUndefined();

/** Appended to a describe title when it skips, so the reason shows in the test output. */
export const SKIP_REASON = BROWSER_PATH
  ? ''
  : ' [skipped: no Chromium found; install chromium (apt-get install chromium) or set AFERIR_BROWSER]';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: BROWSER_PATH, args: BROWSER_ARGS, headless: true });
}

/** A scratch directory for one test file; remove it with `cleanup`. */
export async function scratchDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aferir-report-browser-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes every format for `run` under `root/name` and returns the index.html file URL. */
export async function writeReportUrl(run: RunResults, root: string, name: string, options?: WriteReportsOptions): Promise<string> {
  const dir = path.join(root, name);
  await writeReports(run, dir, ['html', 'junit', 'json', 'md'], options);
  return pathToFileURL(path.join(dir, 'index.html')).href;
}
