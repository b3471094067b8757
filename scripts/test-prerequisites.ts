/**
 * Vitest's global setup: says once, before any test runs, which optional
 * prerequisites this machine lacks and so which tests skip. Each skipped
 * describe repeats the reason in its title; this is the one-line summary at
 * the top, so a green run with skips is never mistaken for a full one.
 * Nothing here fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBrowserOrUndefined } from '../reports/browser.ts';
import { HAVE_REFERENCES } from '../fixtures/reference-pairs.ts';

const PRISM = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));

/** One sentence per missing prerequisite: what is missing and which tests skip because of it. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!HAVE_REFERENCES)
    missing.push(
      '../shared/reference-specs is not beside this clone: the tests that read the official specs skip (structure, lint and examples of the official files, the mock serving them, their half of the data property test, Prism).',
    );
  if (!existsSync(PRISM)) missing.push('Prism is not installed (npm ci installs it): the Prism reference test skips.');
  const browser = findBrowserOrUndefined({ env: process.env });
  if (!browser)
    missing.push(
      'no Chromium found (apt-get install chromium, or set AFERIR_BROWSER): the browser and PDF tests of reports/ and cli/ skip.',
    );
  if (spawnSync('pdftotext', ['-v']).error !== undefined)
    missing.push(
      'pdftotext not found (apt-get install poppler-utils): the PDF report is not read as text (one test skips, the other PDF tests only check a PDF was written).',
    );
  return missing;
}

export default function reportMissingPrerequisites(): void {
  for (const sentence of missingPrerequisites()) console.log(`[aferir tests] ${sentence}`);
}
