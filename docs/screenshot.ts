/**
 * Regenerates docs/report.png, the README's picture of the HTML report:
 *
 *   npx tsx docs/screenshot.ts [out.png]
 *
 * A real run of the Open Finance Accounts suite against the mock (seed 1,
 * pinned clock) seen through a proxy that gives it three defects real
 * transmitters ship — balances with a number where the spec wants a decimal
 * string, transaction times without the required milliseconds, and a 4-digit
 * COMPE code — then the report opened in Chromium with "Failures only" on and
 * the balances failure expanded, so the highlighted JSON path and the evidence
 * show. 1280×900 at device scale 1. Needs a local Chromium (AFERIR_BROWSER or
 * /usr/bin/chromium); sends nothing beyond 127.0.0.1.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startMock } from '../mocks/server/index.ts';
import { BROWSER_ARGS, findBrowser } from '../reports/browser.ts';
import { startRewritingProxy, type ProxiedExchange } from '../fixtures/rewriting-proxy.ts';
import { writeReports } from '../reports/write.ts';
import { runSuite } from '../suites/index.ts';

const SPEC = 'ofb-accounts-2.4.1';
const NOW = new Date('2026-05-11T12:00:00Z');
const VIEWPORT = { width: 1280, height: 900 };
const DEFAULT_OUT = fileURLToPath(new URL('./report.png', import.meta.url));

type Json = Record<string, unknown>;

/** The three defects, each on the endpoint a real transmitter would get it wrong. */
function injectDefects({ pathname, status, body }: ProxiedExchange): unknown {
  if (status !== 200) return undefined;
  // The mock's own answers (200s of the Accounts spec): their shape is known.
  const json = body as { data: unknown };
  if (pathname.endsWith('/balances')) {
    const data = json.data as { availableAmount: Json };
    const amount = data.availableAmount;
    return { ...json, data: { ...data, availableAmount: { ...amount, amount: Number(amount.amount) } } };
  }
  if (/\/transactions(-current)?$/.test(pathname)) {
    const data = (json.data as Json[]).map((item) => ({
      ...item,
      transactionDateTime: String(item.transactionDateTime).replace(/\.\d{3}Z$/, 'Z'),
    }));
    return { ...json, data };
  }
  if (/\/accounts\/[^/]+$/.test(pathname)) {
    const data = json.data as Json;
    return { ...json, data: { ...data, compeCode: `0${String(data.compeCode)}` } };
  }
  return undefined;
}

async function main(out: string): Promise<void> {
  const executablePath = findBrowser();
  const mock = await startMock({ port: 0, host: '127.0.0.1', seed: 1, now: NOW, specs: [SPEC], quiet: true });
  const proxy = await startRewritingProxy(mock.url, injectDefects);
  const dir = await mkdtemp(path.join(tmpdir(), 'aferir-screenshot-'));
  const browser = await chromium.launch({ executablePath, args: BROWSER_ARGS, headless: true });
  try {
    const target = `${proxy.origin}${mock.apis[0]!.basePath}`; // started with one spec
    const run = await runSuite({
      suites: [{ spec: SPEC, target }],
      token: 'screenshot-token-not-secret',
      tokenWithoutPermissions: 'aferir:',
      now: NOW,
      seed: 1,
    });
    await writeReports(run, dir, ['html']);

    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.waitForSelector('html[data-ready="true"]');
    await page.check('#failures-only');
    const balances = page.locator('[data-group$="accountsGetAccountsAccountIdBalances"] .result[data-status="failed"]').first();
    await balances.locator('.row-head').click();
    const highlight = balances.locator('.line.hl').first();
    await highlight.waitFor({ state: 'visible' });
    // The header and an expanded failure do not fit in 900 pixels together: the picture starts at the
    // highest of these that still shows the highlighted line with a few lines of body after it.
    // (No helper functions inside evaluate: tsx would wrap them in a __name() the page does not have.)
    const top = await page.evaluate(
      ({ height, after }) => {
        const highlightEnd = document.querySelector('.line.hl')!.getBoundingClientRect().bottom + window.scrollY + after;
        for (const selector of ['.spec-title', '.group-failing', '.group-failing .result .detail']) {
          const y = document.querySelector(selector)!.getBoundingClientRect().top + window.scrollY - 8;
          if (highlightEnd - y <= height) return Math.max(0, y);
        }
        return highlightEnd - height;
      },
      { height: VIEWPORT.height, after: 180 },
    );
    await page.evaluate((y) => window.scrollTo(0, y), top);
    await page.screenshot({ path: out, type: 'png' });
    console.log(`${out}: ${run.summary.failed} failed, ${run.summary.passed} passed; ${((await stat(out)).size / 1024).toFixed(0)} kB`);
  } finally {
    await browser.close();
    await proxy.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main(path.resolve(process.argv[2] ?? DEFAULT_OUT));
