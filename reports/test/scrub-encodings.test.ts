/**
 * A target that echoes the run's two tokens in every encoding it can
 * (echoing-target.ts) must not get either token into anything `aferir run`
 * writes or prints: the four report files, stdout, stderr, the report as
 * Chromium renders it with every result opened, and the PDF's text. Each
 * output is searched as is and with its escapes, percent-encoding, base64
 * and hex decoded (leak-search.ts), so a token hidden in an encoding the
 * scrubber missed still shows.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../cli/test/run-cli.ts';
import { runSuite } from '../../suites/index.ts';
import { BROWSER_PATH, SKIP_REASON, scratchDir } from './browser-harness.ts';
import { encodedForms, startEchoingTarget, type EchoingTarget } from '../../fixtures/echoing-target.ts';
import { leaksOf } from '../../suites/test/leak-search.ts';
import { useReportBrowser } from './real-run-harness.ts';

// Characters a URL or JSON encoder treats specially (/ + ~ . = _ -), so every encoding differs from the raw token.
const TOKEN = 'tk_Zr8k/q+W~x.9-Ab3f=QmN4';
const LIMITED = 'lim-Pq7/Vz+e.Hs_42~kYw';
const TOKENS = [TOKEN, LIMITED];
const PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let target: EchoingTarget | undefined;
let dir: string;
let run: CliRun;

beforeAll(async () => {
  scratch = await scratchDir();
  target = await startEchoingTarget(TOKENS);
  dir = path.join(scratch.dir, 'report');
  run = await runCli(
    [
      'run',
      '--spec',
      'ofb-accounts-2.4.1',
      '--target',
      target.url,
      '--token',
      TOKEN,
      '--token-without-permissions',
      LIMITED,
      '--param',
      'accountId=acc-0001',
      '--report-dir',
      dir,
      '--now',
      '2026-05-10T12:00:00Z',
      '--timeout',
      '5000',
    ],
    { env: { NO_COLOR: '1' } },
  );
}, 120_000);

afterAll(async () => {
  await target?.close();
  await scratch?.cleanup();
});

describe('the leak search of this test', () => {
  it('finds each token in every form the target sends', () => {
    for (const token of TOKENS) {
      for (const [name, form] of Object.entries(encodedForms(token))) expect(leaksOf(`"x":"${form}"`, [token]), name).not.toEqual([]);
    }
  });
});

describe('aferir run against a target that echoes the tokens in every encoding', () => {
  it('ran: exit 1 (the target is not conformant), four report files, hostile values in the summary scrubbed', async () => {
    expect(run.code, run.stderr).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'summary.md']);
    // The schema check quotes the encoded values as `actual`: they reached the summary, scrubbed.
    expect(run.stdout).toContain('[redacted]');
  });

  // Every exchange a finding names is evidence now: the files are a few MB, and searching them for every encoding takes a while.
  it('no report file holds either token in any form', { timeout: 120_000 }, async () => {
    for (const name of await readdir(dir)) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(leaksOf(text, TOKENS), name).toEqual([]);
    }
  });

  it('the evidence kept the hostile headers and bodies, scrubbed, not dropped', async () => {
    const json = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      results: Array<{ response?: { headers?: Record<string, string>; body?: string } }>;
    };
    const response = json.results.find((r) => r.response?.body?.includes('"echo"'))?.response;
    expect(response?.headers?.['x-echo-0-base64-offset-1']).toContain('[redacted]');
    expect(response?.headers?.['set-cookie']).toBe('[redacted]');
    expect(response?.body).toContain('"brandName":"[redacted]"');
  });

  it('neither stdout nor stderr holds either token in any form', () => {
    expect(leaksOf(run.stdout, TOKENS), 'stdout').toEqual([]);
    expect(leaksOf(run.stderr, TOKENS), 'stderr').toEqual([]);
  });
});

describe('each layer on its own', () => {
  it("the engine's results hold neither token before any writer sees them", async () => {
    const results = await runSuite({
      suites: [{ spec: 'ofb-accounts-2.4.1', target: target!.url, params: { accountId: 'acc-0001' } }],
      token: TOKEN,
      tokenWithoutPermissions: LIMITED,
      seed: 1,
      timeoutMs: 5_000,
    });
    expect(results.summary.failed).toBeGreaterThan(0);
    expect(leaksOf(JSON.stringify(results), TOKENS)).toEqual([]);
  }, 60_000);

  it('an error message that quotes a token (pasted into the wrong flag) prints it scrubbed', async () => {
    const pasted = await runCli(
      [
        'run',
        '--spec',
        'ofb-accounts-2.4.1',
        '--target',
        `${Buffer.from(TOKEN).toString('base64')} ${TOKEN}`,
        '--token',
        TOKEN,
        '--report-dir',
        path.join(scratch.dir, 'never'),
      ],
      { env: { NO_COLOR: '1' } },
    );
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toMatch(/--target .*\[redacted\].* is not a URL/);
    expect(leaksOf(pasted.stdout + pasted.stderr, TOKENS)).toEqual([]);
  });
});

describe.skipIf(!BROWSER_PATH)(`the report as Chromium renders it, every result opened${SKIP_REASON}`, () => {
  const chromium = useReportBrowser();

  it('shows neither token in any form, pretty-printed bodies included', async () => {
    const page = await chromium.open(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.evaluate(() => {
      for (const head of document.querySelectorAll<HTMLButtonElement>('.group-head[aria-expanded="false"]')) head.click();
    });
    // Rows, "show more" pages and "show whole body" buttons, until nothing is left to open.
    for (let round = 0; round < 20; round++) {
      const clicked = await page.evaluate(() => {
        const buttons = [
          ...document.querySelectorAll<HTMLButtonElement>('.row-head[aria-expanded="false"], .show-more, .body-wrapper button'),
        ];
        for (const button of buttons) button.click();
        return buttons.length;
      });
      if (clicked === 0) break;
    }
    const rows = await page.locator('.result').count();
    expect(await page.locator('.detail').count()).toBe(rows);
    // JSON bodies were decoded and pretty-printed by the report's script: that is the view under test.
    expect(await page.locator('.body-wrapper .line').count()).toBeGreaterThan(0);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('[redacted]');
    expect(leaksOf(text, TOKENS), 'rendered text').toEqual([]);
    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    expect(leaksOf(dom, TOKENS), 'rendered DOM').toEqual([]);
    await page.close();
  }, 120_000);
});

describe.skipIf(!BROWSER_PATH || !PDFTOTEXT)(
  `the PDF of the report${BROWSER_PATH ? (PDFTOTEXT ? '' : ' [skipped: pdftotext not found; install poppler-utils]') : SKIP_REASON}`,
  () => {
    it('aferir report pdf: its text holds neither token in any form', async () => {
      const out = path.join(scratch.dir, 'report.pdf');
      const result = await runCli(['report', 'pdf', dir, '--out', out], { env: process.env });
      expect(result.code, result.stderr).toBe(0);
      const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(text.status).toBe(0);
      expect(text.stdout).toContain('[redacted]');
      expect(leaksOf(text.stdout, TOKENS), 'pdf text').toEqual([]);
      expect(leaksOf(result.stdout + result.stderr, TOKENS), 'pdf command output').toEqual([]);
    }, 120_000);
  },
);
