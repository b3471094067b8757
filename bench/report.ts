/**
 * `npm run bench -- report`: how fast a 10,000-result HTML report becomes
 * usable in Chromium, against issue 6's goal of 2 s. Two reports:
 *  - synthetic: the report tests' large run (small bodies, 2% failing);
 *  - real bodies: a real Accounts run against the wrong-pattern fixture
 *    server, its results tiled to 10,000 (every result keeps its real
 *    request, headers and body, so the embedded JSON is the size a real run of
 *    that length would write).
 * For each, over 3 fresh pages: navigation → interactive (data parsed, the
 * groups rendered: `html[data-ready]`), and navigation → "Failures only"
 * applied and a failure expanded with its highlighted path on screen.
 * Times are measured from Node, so they include the automation's round trips.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { BROWSER_ARGS, findBrowserOrUndefined } from '../reports/browser.ts';
import { bigRun } from '../fixtures/runs.ts';
import { writeReports } from '../reports/write.ts';
import { runSuite } from '../suites/index.ts';
import { itemAt } from '../data/random.ts';
import { summarise, verdictOf, type RunResults } from '../suites/result-model.ts';
import { LIMITED_TOKEN, startAccountsFixture } from '../fixtures/ofb-accounts-fixture.ts';

const RESULTS = 10_000;
const RUNS = 3;
const GOAL_MS = 2_000;

interface Timing {
  /** Node-side, from page.goto: what a user waits, plus the automation's round trips. */
  interactiveMs: number;
  failureOpenMs: number;
  /** In the page: navigation start → html[data-ready] set. */
  readyInPageMs: number;
  /** In the page: JSON.parse of the embedded data alone. */
  parseMs: number;
  /** In the page, synchronous work plus layout: ticking "Failures only"; opening the first failure. */
  filterMs: number;
  expandMs: number;
}

export default async function bench(): Promise<void> {
  const browserPath = findBrowserOrUndefined();
  if (!browserPath) {
    console.log('skipped: no Chromium found (install chromium or set AFERIR_BROWSER)');
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'aferir-bench-report-'));
  const browser = await chromium.launch({ executablePath: browserPath, args: BROWSER_ARGS, headless: true });
  try {
    for (const [name, run] of [
      ['synthetic', bigRun(RESULTS)],
      ['real bodies', await tiledRealRun(RESULTS)],
    ] as const) {
      const file = path.join(dir, name.replace(/\W+/g, '-'), 'index.html');
      await writeReports(run, path.dirname(file), ['html']);
      const megabytes = (await stat(file)).size / 1_048_576;
      const failing = run.summary.failed + (run.failOn === 'warning' ? run.summary.warnings : 0);
      const timings: Timing[] = [];
      for (let i = 0; i < RUNS; i++) timings.push(await measure(browser, pathToFileURL(file).href, failing, run.summary.total));
      const of = (key: keyof Timing) => median(timings.map((t) => t[key]));
      console.log(
        `${name}: ${run.summary.total.toLocaleString('en-US')} results (${run.summary.failed} failed), index.html ${megabytes.toFixed(1)} MB`,
      );
      console.log(
        `  runs: ${timings.map((t) => `${t.interactiveMs.toFixed(0)}/${t.failureOpenMs.toFixed(0)} ms`).join(', ')} (interactive / failure open)`,
      );
      console.log(
        `  median interactive ${of('interactiveMs').toFixed(0)} ms = ${percent(of('interactiveMs'))} of the 2 s goal; failures only + a failure open ${of('failureOpenMs').toFixed(0)} ms = ${percent(of('failureOpenMs'))}`,
      );
      console.log(
        `  in the page (medians): ready ${of('readyInPageMs').toFixed(0)} ms after navigation start, of which JSON.parse of the data ~${of('parseMs').toFixed(0)} ms; "Failures only" ${of('filterMs').toFixed(0)} ms; opening a failure ${of('expandMs').toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** One fresh page: navigate, wait for the render, filter, open the first failure and wait for its highlighted line. */
async function measure(browser: Browser, url: string, failing: number, total: number): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const timed = window as unknown as { readyAt?: number };
      if (document.documentElement?.dataset.ready === 'true' && timed.readyAt === undefined) timed.readyAt = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  try {
    const started = performance.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const interactiveMs = performance.now() - started;
    const filterMs = await page.evaluate(() => {
      const begin = performance.now();
      document.querySelector<HTMLInputElement>('#failures-only')!.click();
      void document.body.offsetHeight;
      return performance.now() - begin;
    });
    const expected = `Showing ${failing.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} results`;
    if ((await page.textContent('#match-count')) !== expected)
      throw new Error(`"Failures only" did not apply: ${await page.textContent('#match-count')}`);
    const expandMs = await page.evaluate(() => {
      const begin = performance.now();
      // Few enough failures open their groups by themselves; otherwise open the first failing group.
      if (!document.querySelector('.result[data-status="failed"]'))
        document.querySelector<HTMLElement>('.group-failing .group-head')!.click();
      document.querySelector<HTMLElement>('.result[data-status="failed"] .row-head')!.click();
      void document.body.offsetHeight;
      return performance.now() - begin;
    });
    await page.waitForSelector('.line.hl', { state: 'visible' });
    const failureOpenMs = performance.now() - started;
    const { readyInPageMs, parseMs } = await page.evaluate(() => {
      const begin = performance.now();
      JSON.parse(document.getElementById('aferir-data')!.textContent!);
      return { readyInPageMs: (window as unknown as { readyAt: number }).readyAt, parseMs: performance.now() - begin };
    });
    return { interactiveMs, failureOpenMs, readyInPageMs, parseMs, filterMs, expandMs };
  } finally {
    await context.close();
  }
}

/** A real run against the wrong-pattern fixture, its results repeated (with unique ids) up to `count`. */
async function tiledRealRun(count: number): Promise<RunResults> {
  const fixture = await startAccountsFixture({ defect: 'wrong-pattern' });
  let run: RunResults;
  try {
    run = await runSuite({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: fixture.url }],
      token: 'bench-token-0123456789',
      tokenWithoutPermissions: LIMITED_TOKEN,
    });
  } finally {
    await fixture.close();
  }
  const results = Array.from({ length: count }, (_, index) => {
    const source = itemAt(run.results, index % run.results.length);
    return { ...source, id: `${source.id}~${Math.floor(index / run.results.length)}` };
  });
  const summary = summarise(results);
  return { ...run, results, summary, verdict: verdictOf(summary, run.failOn) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return itemAt(sorted, Math.floor(sorted.length / 2));
}

function percent(ms: number): string {
  return `${((ms / GOAL_MS) * 100).toFixed(0)}%`;
}
