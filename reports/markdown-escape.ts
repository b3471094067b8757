/**
 * Escaping target-supplied text for GitHub-flavoured Markdown, so a message
 * cannot add headings, links, images or raw HTML to a PR comment. Text that
 * GitHub would auto-link (URLs, `www.` hosts, e-mail addresses) goes into a
 * code span instead: the summary stays link-free.
 */

/** Inline punctuation that can start Markdown or HTML; CommonMark lets us backslash-escape all of it. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()<>#+!|~&]/g;
const AUTOLINKABLE =
  /([a-z][a-z0-9+.-]*:\/\/[^\s<>()[\]"'`]+|\bwww\.[^\s<>()[\]"'`]+|[^\s@<>()[\]"'`]+@[^\s@<>()[\]"'`]+\.[^\s@<>()[\]"'`]+)/gi;
/** Control characters render as nothing or as U+FFFD; show them as `\u0000` so the reader sees they were there. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function visibleControls(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Target text as inert inline Markdown on one line. */
export function escapeMarkdown(text: string): string {
  return visibleControls(text)
    .replace(/\s+/g, ' ')
    .trim()
    .split(AUTOLINKABLE)
    .map((part, index) => (index % 2 === 1 ? codeSpan(part) : part.replace(MARKDOWN_PUNCTUATION, '\\$&')))
    .join('');
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  const content = visibleControls(text).replace(/\s+/g, ' ');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = content.startsWith('`') || content.endsWith('`') || content.startsWith(' ') ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}
