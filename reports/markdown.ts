/**
 * `summary.md`: a short, link-free Markdown summary for a pull-request comment
 * or `$GITHUB_STEP_SUMMARY`. Results that fail the run are listed by operation,
 * each by its result id with its message and the curl command that reproduces it; the
 * list is capped so the summary stays well under GitHub's 65,536-character
 * comment limit. The full evidence lives in the HTML report.
 */
import { describeCoverage, describeInterruption, type CheckResult, type RunResults } from '../suites/result-model.ts';
import { groupByOperation } from './group.ts';
import { codeSpan, escapeMarkdown } from './markdown-escape.ts';
import { formatDate, formatDuration, truncate } from './text.ts';

/** Lines of failures and warnings, together, before the list is cut. */
export const MARKDOWN_ITEM_CAP = 60;
/** The most characters of one message the summary quotes. */
const MARKDOWN_MESSAGE_CAP = 240;
/** A hard ceiling for the whole document (GitHub comments stop at 65,536). */
export const MARKDOWN_CHAR_CAP = 60_000;

interface Item {
  operation: string;
  id: string;
  message: string;
  curl?: string;
}

export function buildMarkdownSummary(run: RunResults): string {
  const failsOnWarning = run.failOn === 'warning';
  const failing = (result: CheckResult) => result.status === 'failed' || (failsOnWarning && result.status === 'warning');
  const warning = (result: CheckResult) => !failsOnWarning && result.status === 'warning';
  const pass = run.verdict === 'pass';
  const { summary } = run;
  const heading = run.interrupted
    ? '⚠️ aferir conformance: INTERRUPTED'
    : `${pass ? '✅' : '❌'} aferir conformance: ${pass ? 'PASS' : 'FAIL'}`;

  const lines = [
    `## ${heading}`,
    '',
    headline(run),
    '',
    ...(run.diagnostics ?? []).flatMap((line) => [`> **Hint:** ${escapeMarkdown(line)}`, '']),
    ...(run.interrupted
      ? [
          `**The run was ${escapeMarkdown(describeInterruption(run.interruption))}.** The counts cover what ran; the checks that did not run are counted as skipped.`,
          '',
        ]
      : []),
    '| Passed | Failed | Warnings | Skipped | Total |',
    '|---:|---:|---:|---:|---:|',
    `| ${summary.passed} | ${summary.failed} | ${summary.warnings} | ${summary.skipped} | ${summary.total} |`,
    ...coverageLines(run),
  ];
  let budget = MARKDOWN_ITEM_CAP;
  const failingCount = run.results.filter(failing).length;
  if (failingCount > 0) {
    lines.push('', `### Failed checks (${failingCount})`);
    budget = appendItems(lines, itemsOf(run, failing), budget);
  }
  const warningCount = run.results.filter(warning).length;
  if (warningCount > 0) {
    lines.push('', `### Warnings (${warningCount})`);
    appendItems(lines, itemsOf(run, warning), budget);
  }
  lines.push(
    '',
    'Full evidence (requests, responses, coverage) is in the HTML report `index.html`; machine-readable results in `results.json`.',
    '',
  );
  return capLength(lines.join('\n'));
}

/** The coverage line, and the operations not covered with why (capped like the failures). */
function coverageLines(run: RunResults): string[] {
  const coverage = run.coverageSummary;
  if (!coverage) return [];
  const lines = ['', `**Coverage:** ${escapeMarkdown(describeCoverage(coverage))}`];
  const shown = coverage.notCovered.slice(0, MARKDOWN_ITEM_CAP / 4);
  if (shown.length > 0) lines.push('');
  for (const entry of shown)
    lines.push(`- ${codeSpan(entry.operation)} not covered: ${escapeMarkdown(truncate(entry.reason, MARKDOWN_MESSAGE_CAP))}`);
  if (coverage.notCovered.length > shown.length) lines.push(`- …and ${coverage.notCovered.length - shown.length} more`);
  return lines;
}

function headline(run: RunResults): string {
  const specs =
    run.specs.length > 0
      ? run.specs.map((spec) => `${escapeMarkdown(`${spec.title} ${spec.version}`)} (${codeSpan(spec.id)})`).join(', ')
      : codeSpan(run.spec);
  const failOn = run.failOn === 'warning' ? 'fails on warnings' : 'fails on errors';
  return [
    `Target ${codeSpan(run.target)}`,
    specs,
    escapeMarkdown(formatDate(run.startedAt)),
    formatDuration(run.durationMs),
    escapeMarkdown(`${run.tool.name} ${run.tool.version}`),
    failOn,
  ].join(' · ');
}

/** Per operation, the results kept, in the engine's order. */
function itemsOf(run: RunResults, keep: (result: CheckResult) => boolean): Item[][] {
  return groupByOperation(run)
    .map((group) =>
      group.results.filter(keep).map((result) => ({
        operation: group.operation,
        id: result.id,
        message: result.message,
        ...(result.curl ? { curl: result.curl } : {}),
      })),
    )
    .filter((items) => items.length > 0);
}

/** Appends as many items as the budget allows; returns what is left of it. */
function appendItems(lines: string[], operations: Item[][], budget: number): number {
  let left = budget;
  let omitted = 0;
  for (const items of operations) {
    if (left <= 0) {
      omitted += items.length;
      continue;
    }
    lines.push('', `**${codeSpan(items[0]!.operation)}**`, ''); // empty groups were filtered out
    for (const item of items) {
      if (left <= 0) {
        omitted++;
        continue;
      }
      lines.push(`- ${codeSpan(item.id)}: ${escapeMarkdown(truncate(item.message, MARKDOWN_MESSAGE_CAP))}`);
      if (item.curl) lines.push('', ...fenced(item.curl).map((line) => `  ${line}`));
      left--;
    }
  }
  if (omitted > 0) lines.push('', `…and ${omitted} more; see the HTML report.`);
  return left;
}

/** A code block whose fence is longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}sh`, ...text.split('\n'), fence];
}

function capLength(markdown: string): string {
  if (markdown.length <= MARKDOWN_CHAR_CAP) return markdown;
  const cut = markdown.lastIndexOf('\n', MARKDOWN_CHAR_CAP - 200);
  return `${markdown.slice(0, cut)}\n\n…summary cut at ${MARKDOWN_CHAR_CAP} characters; see the HTML report.\n`;
}
