/**
 * The HTML report: one self-contained file (after Playwright's html reporter).
 * The template, stylesheet and script are real files beside this one, read
 * once and inlined; the run is embedded as JSON in a non-executable script
 * block and rendered in the browser with textContent only. A Content Security
 * Policy that allows exactly our inline script and style (by hash) and no
 * network is a second wall in case anything ever slipped through.
 *
 * The script is written as small parts in js/, one job each, and joined here
 * into one inline script: no bundler, no modules and no request at view time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../specs/package-info.ts';
import type { RunResults } from '../../suites/result-model.ts';

export interface HtmlAssets {
  template: string;
  css: string;
  /** The whole report script: the parts in js/, joined by loadHtmlAssets. */
  js: string;
}

// Located from the package root rather than this module, which runs from a chunk in dist/ (the package ships these files).
const assetPath = (file: string): string => path.join(packageRoot(), 'reports', 'html', file);
const ASSET_URLS = {
  template: assetPath('template.html'),
  css: assetPath('report.css'),
};

/**
 * The report script's parts, in the order they are joined. They share one
 * function scope (a single strict IIFE), so a part uses what an earlier part
 * declares, and their top-level statements run in this order: data.js reads
 * the embedded run first, boot.js renders the page last.
 */
const SCRIPT_PARTS = [
  'data.js', // the embedded run, shared lookups, grouping by operation and by check
  'dom.js', // el() (elements from text, never from markup) and the formatters
  'filters.js', // filter state, search, visibility, the toolbar
  'results-list.js', // groups and rows of the results list, rendered lazily
  'evidence.js', // one result's detail: findings, request and response panels
  'body-highlight.js', // bodies, with the lines that findings point at highlighted
  'coverage.js', // the Coverage tab
  'print.js', // the print view and the hooks renderPdf calls
  'boot.js', // the header, tabs and footer, and the first render
] as const;

export async function loadHtmlAssets(): Promise<HtmlAssets> {
  const [template, css, ...parts] = await Promise.all([
    readFile(ASSET_URLS.template, 'utf8'),
    readFile(ASSET_URLS.css, 'utf8'),
    ...SCRIPT_PARTS.map((part) => readFile(assetPath(path.join('js', part)), 'utf8')),
  ]);
  return { template, css, js: joinScript(parts) };
}

/** One IIFE around the parts, each after a marker naming its file (handy in the browser's devtools). */
function joinScript(parts: readonly string[]): string {
  const body = parts.map((text, i) => `// ---------- js/${SCRIPT_PARTS[i]} ----------\n${text.endsWith('\n') ? text : `${text}\n`}`);
  return `(() => {\n'use strict';\n\n${body.join('\n')}})();\n`;
}

/**
 * JSON that is safe inside <script type="application/json">: `<`, `>` and `&`
 * become \u escapes so no `</script>` or `<!--` can appear, and U+2028/U+2029
 * are escaped for any reader that treats the block as JavaScript.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function buildHtml(run: RunResults, assets: HtmlAssets): string {
  assertInlinable(assets);
  const verdict = run.interrupted ? 'INTERRUPTED' : run.verdict === 'pass' ? 'PASS' : 'FAIL';
  const values: Record<string, string> = {
    TITLE: escapeHtml(`${verdict} · ${run.spec} · aferir report`),
    CSP: [
      "default-src 'none'",
      `script-src '${sha256(assets.js)}'`,
      `style-src '${sha256(assets.css)}'`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    CSS: assets.css,
    JS: assets.js,
    DATA: embedJson(run),
  };
  // One pass over the template: text inserted for one placeholder is never rescanned for another.
  return assets.template.replace(/__AFERIR_([A-Z]+)__/g, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The HTML template has an unknown placeholder ${match}.`);
    return value;
  });
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** Our own assets must not be able to end the element they are inlined into. */
function assertInlinable(assets: HtmlAssets): void {
  if (/<\/script|<!--/i.test(assets.js))
    throw new Error('The report script (reports/html/js) contains "</script" or "<!--" and cannot be inlined.');
  if (/<\/style/i.test(assets.css)) throw new Error('report.css contains "</style" and cannot be inlined.');
}
