/**
 * Plain-text helpers shared by the text-based writers (JUnit, Markdown):
 * shortening, duration and size formatting, and a result's findings and
 * evidence written out for a reader who only has a CI log.
 */
import type { CheckResult, RequestEvidence, ResponseEvidence } from '../suites/result-model.ts';

/** The most of a response body a text report quotes; the HTML report and results.json hold more. */
const TEXT_BODY_CAP = 4_000;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** One line: newlines and tabs become spaces, runs of spaces collapse. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/** An ISO date as `2025-11-23 13:38:00 UTC`, the same in every time zone; anything else unchanged. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

function formatBytes(bytes: number): string {
  if (bytes < 1_024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1_024).toFixed(1)} kB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** A value as it reads in a finding: strings quoted, objects as compact JSON. */
function formatValue(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A JSON body pretty-printed when it parses; otherwise as received. */
function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function describeFindings(result: CheckResult): string[] {
  return (result.findings ?? []).map((finding) => {
    const where = [finding.path, finding.rule].filter(Boolean).join(' ');
    const severity = finding.severity ? ` (${finding.severity})` : '';
    const lines = [`- ${where ? `${where}: ` : ''}${finding.message}${severity}`];
    if (finding.exchange) lines.push(`    on: ${finding.exchange}`);
    if (finding.expected !== undefined) lines.push(`    expected: ${truncate(formatValue(finding.expected), 500)}`);
    if (finding.actual !== undefined) lines.push(`    actual:   ${truncate(formatValue(finding.actual), 500)}`);
    return lines.join('\n');
  });
}

/** The request and response of a result, headers included, body capped at TEXT_BODY_CAP; then every other exchange its findings name. */
export function describeEvidence(result: CheckResult): string[] {
  const lines = describeExchange(result.request, result.response);
  for (const other of result.exchanges ?? []) {
    lines.push('', `also on ${other.exchange}:`, ...(other.curl ? [other.curl] : []), ...describeExchange(other.request, other.response));
  }
  return lines;
}

function describeExchange(request: RequestEvidence | undefined, response: ResponseEvidence | undefined): string[] {
  const lines: string[] = [];
  if (request) {
    lines.push(`request: ${request.method} ${request.url}`);
    for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`  ${name}: ${value}`);
    if (request.body) lines.push('request body:', capBody(prettyBody(request.body)));
  }
  if (response) {
    const facts = [
      response.durationMs !== undefined ? formatDuration(response.durationMs) : '',
      response.bodyBytes !== undefined ? formatBytes(response.bodyBytes) : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`response: ${response.status}${facts ? ` (${facts})` : ''}`);
    for (const [name, value] of Object.entries(response.headers ?? {})) lines.push(`  ${name}: ${value}`);
    if (response.body) {
      lines.push(`response body${response.bodyTruncated ? ' (truncated by the engine)' : ''}:`, capBody(prettyBody(response.body)));
    }
  }
  return lines;
}

function capBody(body: string): string {
  if (body.length <= TEXT_BODY_CAP) return body;
  return `${body.slice(0, TEXT_BODY_CAP)}\n… ${body.length - TEXT_BODY_CAP} more characters in results.json`;
}
