import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildHtml, embedJson, loadHtmlAssets } from '../html/build.ts';
import { HOSTILE, HOSTILE_TEXT, accountsResults, hostileResult, makeRun } from '../../fixtures/runs.ts';

const DATA_BLOCK = /<script type="application\/json" id="aferir-data">([\s\S]*?)<\/script>/;

describe('embedJson', () => {
  it('leaves nothing that could end a script element, and parses back to the same value', () => {
    const value = { text: HOSTILE_TEXT, '</script>': [HOSTILE.closeScript, '<!-- -->', 'a & b'] };
    const embedded = embedJson(value);
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(embedded)).toEqual(value);
  });
});

describe('buildHtml', () => {
  it('inlines the template, stylesheet, script and data into one file with no network reference', async () => {
    const assets = await loadHtmlAssets();
    const html = buildHtml(makeRun(accountsResults()), assets);
    expect(html).not.toMatch(/__AFERIR_[A-Z]+__/);
    expect(html).toContain(`<style>${assets.css}</style>`);
    expect(html).toContain(`<script>${assets.js}</script>`);
    for (const asset of [assets.template, assets.css, assets.js]) {
      expect(asset).not.toMatch(/https?:\/\/|src=["']\/\/|@import|url\(\s*["']?(?!data:)/);
    }
  });

  it('allows exactly our script and style through its Content-Security-Policy, and no network', async () => {
    const assets = await loadHtmlAssets();
    const html = buildHtml(makeRun(accountsResults()), assets);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(assets.js)}`);
    expect(csp).toContain(`style-src ${hash(assets.css)}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('embeds hostile results so that nothing closes the data block, and they parse back intact', async () => {
    const run = makeRun([...accountsResults(), hostileResult()]);
    const html = buildHtml(run, await loadHtmlAssets());
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    const data = DATA_BLOCK.exec(html)?.[1] ?? '';
    expect(data).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(data)).toEqual(JSON.parse(JSON.stringify(run)));
  });

  it('escapes the title, the only target text rendered on the server side', async () => {
    const run = makeRun(accountsResults(), { spec: HOSTILE.closeScript });
    const html = buildHtml(run, await loadHtmlAssets());
    expect(html).toContain('<title>FAIL · &lt;/script&gt;&lt;script&gt;window.__pwned = 2&lt;/script&gt; · aferir report</title>');
  });

  it('builds the DOM with text APIs only: the script never parses strings as HTML', async () => {
    const { js } = await loadHtmlAssets();
    const code = js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|DOMParser|createContextualFragment/,
    );
  });

  it('refuses assets that could end the element they are inlined into', async () => {
    const assets = await loadHtmlAssets();
    expect(() => buildHtml(makeRun([]), { ...assets, js: 'let a = "</script>";' })).toThrow(/cannot be inlined/);
    expect(() => buildHtml(makeRun([]), { ...assets, css: 'a{}</style>' })).toThrow(/cannot be inlined/);
    expect(() => buildHtml(makeRun([]), { ...assets, template: '__AFERIR_NOPE__' })).toThrow(/unknown placeholder __AFERIR_NOPE__/);
  });
});
