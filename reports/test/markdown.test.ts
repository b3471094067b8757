import { describe, expect, it } from 'vitest';
import { buildMarkdownSummary, MARKDOWN_CHAR_CAP, MARKDOWN_ITEM_CAP } from '../markdown.ts';
import { codeSpan, escapeMarkdown } from '../markdown-escape.ts';
import { HOSTILE, accountsResults, accountsRun, bigRun, hostileResult, makeResult, makeRun } from '../../fixtures/runs.ts';

describe('buildMarkdownSummary', () => {
  it('states the verdict, target, spec and the counts table', () => {
    const markdown = buildMarkdownSummary(accountsRun());
    expect(markdown.split('\n')[0]).toBe('## ❌ aferir conformance: FAIL');
    expect(markdown).toContain('Target `https://api.banco.example/open-banking/accounts/v2`');
    expect(markdown).toContain('Open Finance Brasil – Accounts 2.4.1 (`ofb-accounts-2.4.1`)');
    expect(markdown).toContain('2025-11-23 13:38:00 UTC · 12.3 s');
    expect(markdown).toContain('| Passed | Failed | Warnings | Skipped | Total |\n|---:|---:|---:|---:|---:|\n| 3 | 2 | 1 | 1 | 7 |');
  });

  it('lists failing checks by operation and warnings apart', () => {
    const markdown = buildMarkdownSummary(accountsRun());
    expect(markdown).toContain(
      '### Failed checks (2)\n\n**`accountsGetAccounts`**\n\n- `response-schema@accountsGetAccounts`: The 200 body',
    );
    expect(markdown).toContain('- `paging-links@accountsGetAccounts`: links.next is present on the last page \\(totalPages = 1\\)');
    expect(markdown).toContain(
      '### Warnings (1)\n\n**`accountsGetAccountsAccountId`**\n\n- `status-code-documented@accountsGetAccountsAccountId`: status 418',
    );
    expect(markdown).not.toContain('forbidden-without-permission');
  });

  it('lists warnings as failures when the run fails on warnings', () => {
    const markdown = buildMarkdownSummary(accountsRun({ failOn: 'warning' }));
    expect(markdown).toContain('### Failed checks (3)');
    expect(markdown).not.toContain('### Warnings');
    expect(markdown).toContain('fails on warnings');
  });

  it('says PASS and lists nothing when every check passed', () => {
    const markdown = buildMarkdownSummary(makeRun(accountsResults().filter((result) => result.status === 'passed')));
    expect(markdown.split('\n')[0]).toBe('## ✅ aferir conformance: PASS');
    expect(markdown).not.toContain('###');
  });

  it('lists each failure by its result id, with its curl command in a code block no backtick can close', () => {
    const curl = 'curl -i "https://api.banco.example/accounts?q=```x" -H "authorization: Bearer ${AFERIR_TOKEN}"';
    const failing = makeResult({
      id: 'paging-links@accountsGetAccounts',
      check: 'paging-links',
      operation: 'accountsGetAccounts',
      status: 'failed',
      curl,
    });
    const markdown = buildMarkdownSummary(makeRun([failing]));
    expect(markdown).toContain(`- \`paging-links@accountsGetAccounts\`: does not conform\n\n  \`\`\`\`sh\n  ${curl}\n  \`\`\`\``);
  });

  it('caps a large run: at most MARKDOWN_ITEM_CAP lines and a note of what was left out', () => {
    const run = bigRun(10_000);
    const markdown = buildMarkdownSummary(run);
    const items = markdown.split('\n').filter((line) => line.startsWith('- '));
    expect(items).toHaveLength(MARKDOWN_ITEM_CAP);
    expect(markdown).toMatch(/…and \d+ more; see the HTML report\./);
    expect(markdown.length).toBeLessThan(MARKDOWN_CHAR_CAP);
  });

  it('keeps hostile text inert and link-free', () => {
    const markdown = buildMarkdownSummary(makeRun([hostileResult()]));
    const line = markdown.split('\n').find((text) => text.startsWith('- `h1`'))!;
    expect(line).not.toMatch(/(?<!\\)</);
    expect(line).not.toMatch(/(?<!\\)\[/);
    expect(line).not.toMatch(/(?<![\\`])https?:\/\//);
    expect(line).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u2028\u2029]/);
    expect(line).toContain('\\<script\\>');
  });
});

describe('escapeMarkdown', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain text'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
    ['# not a heading', '\\# not a heading'],
    ['**bold** _it_ ~~gone~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`'],
    ['a | b', 'a \\| b'],
    ['&amp; stays text', '\\&amp; stays text'],
    ['see https://evil.example/x?a=1 now', 'see `https://evil.example/x?a=1` now'],
    ['mail ops@bank.example', 'mail `ops@bank.example`'],
    ['two\nlines\u2028and more', 'two lines and more'],
    ['nul\u0000', 'nul\\\\u0000'],
  ];
  for (const [input, output] of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => expect(escapeMarkdown(input)).toBe(output));
  }
});

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
    expect(codeSpan(HOSTILE.markdown)).toMatch(/^``[^`]/);
  });
});
