import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowserOrUndefined } from '../../reports/browser.ts';
import { accountsRun } from '../../fixtures/runs.ts';
import { writeReports } from '../../reports/write.ts';
import { runCli } from './run-cli.ts';

const browser = findBrowserOrUndefined({ env: process.env });

describe('aferir report pdf', () => {
  it('names a directory without a report and exits 2', async () => {
    const { code, stderr } = await runCli(['report', 'pdf', '/no/such/report-dir']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no HTML report at \/no\/such\/report-dir\/index\.html/);
  });

  it('names a browser that does not exist and exits 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aferir-pdf-'));
    await writeReports(accountsRun(), dir, ['html']);
    const { code, stderr } = await runCli(['report', 'pdf', dir, '--browser', '/no/such/chromium']);
    expect(code).toBe(2);
    expect(stderr).toContain('/no/such/chromium');
  });

  const skipReason = browser ? '' : ' [skipped: no Chromium found; install chromium (apt-get install chromium) or set AFERIR_BROWSER]';
  // ~4–6 s: the real binary starts Chromium.
  it.skipIf(!browser)(`writes the PDF, whose first page shows the verdict${skipReason}`, { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aferir-pdf-'));
    await writeReports(accountsRun(), dir, ['html']);
    const out = path.join(dir, 'evidence.pdf');
    const { code, stdout } = await runCli(['report', 'pdf', dir, '--out', out], { env: process.env });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    expect(existsSync(out)).toBe(true);
    const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' });
    if (text.error) return; // poppler-utils absent: reports/test/pdf.test.ts says so; the file exists
    expect(text.stdout).toMatch(/FAIL/);
  });
});
