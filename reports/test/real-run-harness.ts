/**
 * Shared by the real-run report tests: run a suite against a live loopback
 * server, write its four report files with the product's writer, and read
 * back what a reviewer or a CI system would read — the files, junit.xml
 * parsed by a real XML parser, and index.html opened in Chromium.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { runSuite } from '../../suites/index.ts';
import type { RunResults, RunSummary } from '../../suites/result-model.ts';
import { REPORT_FILE_NAMES, REPORT_FORMATS } from '../formats.ts';
import { writeReports } from '../write.ts';
import { launchBrowser } from './browser-harness.ts';

export const SPEC = 'ofb-accounts-2.4.1';

export interface RealReport {
  /** What runSuite returned. */
  run: RunResults;
  dir: string;
  /** file:// URL of index.html. */
  url: string;
  /** The contents of every file written, by file name. */
  files: Record<string, string>;
  /** results.json as a reader gets it. */
  json: RunResults;
}

export interface RealRunOptions {
  target: string;
  token: string;
  tokenWithoutPermissions: string;
  now?: Date;
}

/**
 * Runs the Accounts suite against `target` and writes every format into `dir`.
 * The writer is not given the tokens on purpose: what keeps them out of the
 * files must be the engine's own redaction, not the writer's last scrub.
 */
export async function runAndReport(options: RealRunOptions, dir: string): Promise<RealReport> {
  const run = await runSuite({
    suites: [{ spec: SPEC, target: options.target }],
    token: options.token,
    tokenWithoutPermissions: options.tokenWithoutPermissions,
    now: options.now,
    seed: 1,
    timeoutMs: 5_000,
  });
  await writeReports(run, dir, REPORT_FORMATS);
  const names = REPORT_FORMATS.map((format) => REPORT_FILE_NAMES[format]);
  const contents = await Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
  const files = Object.fromEntries(names.map((name, index) => [name, contents[index]!]));
  return { run, dir, url: pathToFileURL(path.join(dir, 'index.html')).href, files, json: JSON.parse(files['results.json']!) as RunResults };
}

export interface JUnitCounts {
  /** The root's attributes. */
  tests: number;
  failures: number;
  skipped: number;
  /** What the document actually holds, counted element by element. */
  testcases: number;
  failureElements: number;
  skippedElements: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

/** Validates junit.xml with fast-xml-parser (throws with the parser's reason) and counts it. */
export function parseJUnit(xml: string): { counts: JUnitCounts; text: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`junit.xml is not well-formed: ${JSON.stringify(valid.err)}`);
  type Case = { failure?: unknown; skipped?: unknown };
  const root = (parser.parse(xml) as { testsuites: Record<string, string> & { testsuite?: Array<{ testcase?: Case[] }> } }).testsuites;
  const cases = (root.testsuite ?? []).flatMap((suite) => suite.testcase ?? []);
  return {
    counts: {
      tests: Number(root.tests),
      failures: Number(root.failures),
      skipped: Number(root.skipped),
      testcases: cases.length,
      failureElements: cases.filter((c) => c.failure !== undefined).length,
      skippedElements: cases.filter((c) => c.skipped !== undefined).length,
    },
    text: JSON.stringify(root),
  };
}

/** The JUnit counts a summary implies for a run that fails on errors (warnings pass in JUnit). */
export function expectedJUnitCounts(summary: RunSummary): JUnitCounts {
  return {
    tests: summary.total,
    failures: summary.failed,
    skipped: summary.skipped,
    testcases: summary.total,
    failureElements: summary.failed,
    skippedElements: summary.skipped,
  };
}

/**
 * One Chromium for a describe block (launched in beforeAll, closed in
 * afterAll), and `open(url)` for its tests. Page errors and any request the
 * report makes besides its own file fail the block in afterAll.
 */
export function useReportBrowser(): { open(url: string): Promise<Page> } {
  let browser: Browser | undefined;
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    expect(problems).toEqual([]);
  });
  return { open: (url) => openReport(browser!, url, problems) };
}

/**
 * Opens a report with every request other than the file itself aborted (a
 * report that phones out would show up in `problems`), and waits until it has rendered.
 */
async function openReport(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  page.on('requestfailed', (request) => problems.push(`unexpected request ${request.url()}`));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/** The header's numbers as the page shows them, keyed like RunSummary. */
export async function pageCounts(page: Page): Promise<Record<keyof RunSummary, string | null>> {
  const count = (key: string) => page.textContent(`[data-count="${key}"]`);
  return {
    passed: await count('passed'),
    failed: await count('failed'),
    warnings: await count('warnings'),
    skipped: await count('skipped'),
    total: await count('total'),
  };
}

/** A summary formatted the way the page formats numbers (en-US grouping). */
export function formattedSummary(summary: RunSummary): Record<keyof RunSummary, string> {
  const format = (n: number) => new Intl.NumberFormat('en-US').format(n);
  return {
    passed: format(summary.passed),
    failed: format(summary.failed),
    warnings: format(summary.warnings),
    skipped: format(summary.skipped),
    total: format(summary.total),
  };
}
