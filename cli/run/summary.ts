/**
 * What `aferir run` and `aferir demo` print: progress lines on stderr while
 * the run goes, and at the end the summary on stdout — counts, each failure
 * with its result id, first findings and the curl command that reproduces it, where the report is, and the
 * verdict (INTERRUPTED, with what did not run, for a run cut short). Plain
 * text; colour only when the stream is a terminal.
 */
import pc from 'picocolors';
import type { ProgressEvent } from '../../suites/engine/observer.ts';
import { coverageMet, describeCoverage, describeInterruption, type CheckResult, type RunResults } from '../../suites/result-model.ts';

const FAILURES_SHOWN = 25;
const FINDINGS_SHOWN = 3;
const NOT_COVERED_SHOWN = 15;

export interface Painter {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function painter(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Painter {
  const color = Boolean((stream as { isTTY?: boolean }).isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
  const colors = pc.createColors(color);
  return { red: colors.red, green: colors.green, yellow: colors.yellow, dim: colors.dim, bold: colors.bold };
}

/** One line per event worth a line; undefined for the others. */
export function progressLine(event: ProgressEvent, paint: Painter): string | undefined {
  switch (event.type) {
    case 'spec-start':
      return `${paint.bold(event.spec.id)} → ${event.target} (${event.operations} operations)`;
    case 'operation-start':
      return undefined;
    case 'operation-end': {
      const failed = event.results.filter((r) => r.status === 'failed').length;
      const mark = failed > 0 ? paint.red('✗') : paint.green('✓');
      const counts = countsText(event.results);
      return `  ${mark} ${event.operation} ${paint.dim(`${counts} · ${event.soFar.total} results so far, ${event.soFar.failed} failed`)}`;
    }
    case 'warning':
      return paint.yellow(`warning: ${event.message}`);
  }
}

function countsText(results: readonly CheckResult[]): string {
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  const parts = [`${count('passed')} passed`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('warning')) parts.push(`${count('warning')} warnings`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  return parts.join(', ');
}

export function summaryText(run: RunResults, files: readonly string[], paint: Painter): string {
  const lines: string[] = [''];
  const { summary } = run;
  lines.push(`${paint.bold(run.spec)} against ${run.target}`);
  // The obvious cause of a wall of failures first: one line each (a wrong base path, missing credentials).
  for (const diagnostic of run.diagnostics ?? []) lines.push(paint.yellow(`hint: ${diagnostic}`));
  lines.push(
    `${summary.total} results: ${paint.green(`${summary.passed} passed`)}, ${summary.failed ? paint.red(`${summary.failed} failed`) : '0 failed'}, ${summary.warnings ? paint.yellow(`${summary.warnings} warnings`) : '0 warnings'}, ${summary.skipped} skipped in ${(run.durationMs / 1000).toFixed(1)} s`,
  );
  const coverage = run.coverageSummary;
  if (coverage) {
    const met = coverageMet(coverage);
    lines.push(`Coverage: ${met ? describeCoverage(coverage) : paint.red(describeCoverage(coverage))}`);
    if (coverage.notCovered.length > 0) {
      lines.push('', paint.bold(met ? 'Not covered (allowed):' : 'Not covered:'));
      for (const entry of coverage.notCovered.slice(0, NOT_COVERED_SHOWN)) {
        const where = `${run.specs.length > 1 ? `${entry.spec} ` : ''}${entry.operation}`;
        lines.push(`  ${met ? paint.yellow('-') : paint.red('✗')} ${where}: ${oneLine(entry.reason)}`);
      }
      if (coverage.notCovered.length > NOT_COVERED_SHOWN)
        lines.push(`  … and ${coverage.notCovered.length - NOT_COVERED_SHOWN} more in the report`);
    }
  }
  const failures = run.results.filter((r) => r.status === 'failed');
  const warnings = run.results.filter((r) => r.status === 'warning');
  if (failures.length > 0) {
    lines.push('', paint.bold('Failed:'));
    for (const result of failures.slice(0, FAILURES_SHOWN)) lines.push(...resultLines(result, paint.red('✗')));
    if (failures.length > FAILURES_SHOWN) lines.push(`  … and ${failures.length - FAILURES_SHOWN} more failures in the report`);
  }
  if (warnings.length > 0) {
    lines.push('', paint.bold('Warnings:'));
    for (const result of warnings.slice(0, 10)) lines.push(...resultLines(result, paint.yellow('!')));
    if (warnings.length > 10) lines.push(`  … and ${warnings.length - 10} more warnings in the report`);
  }
  if (files.length > 0) {
    const html = files.find((f) => f.endsWith('.html'));
    const first = files[0]!; // files is not empty here
    lines.push('', `Report: ${html ?? first}${files.length > 1 ? ` ${paint.dim(`(${files.length} files in ${dirOf(first)})`)}` : ''}`);
  }
  lines.push(verdictLine(run, paint));
  return lines.join('\n');
}

function verdictLine(run: RunResults, paint: Painter): string {
  if (run.interrupted) {
    // `interrupted by SIGINT: …` with its first word in capitals, like PASS and FAIL.
    return paint.yellow(
      paint.bold(`${describeInterruption(run.interruption).replace(/^interrupted/, 'INTERRUPTED')}; the report holds what ran`),
    );
  }
  if (run.verdict === 'pass') return paint.green(paint.bold('PASS'));
  const why =
    run.summary.failed > 0
      ? ''
      : run.coverageSummary && !coverageMet(run.coverageSummary)
        ? ' (too few operations covered: --param supplies missing ids, --allow-skips or --min-coverage lowers the bar)'
        : run.failOn === 'warning'
          ? ' (warnings fail this run: --fail-on warning)'
          : '';
  return paint.red(paint.bold(`FAIL${why}`));
}

/** `✗ response-schema@accountsGetAccounts: …`, its first findings, and the curl that reproduces it. */
function resultLines(result: CheckResult, mark: string): string[] {
  const lines = [`  ${mark} ${result.id}: ${oneLine(result.message)}`];
  for (const finding of (result.findings ?? []).slice(0, FINDINGS_SHOWN)) {
    const at = [finding.path, finding.rule].filter(Boolean).join('  ');
    const value = finding.actual === undefined ? '' : `  ${truncate(JSON.stringify(finding.actual) ?? '', 80)}`;
    if (at) lines.push(`      ${at}${value}`);
  }
  if (result.curl) lines.push(`      ${result.curl}`);
  return lines;
}

function oneLine(text: string): string {
  return truncate(text.replace(/\s+/g, ' '), 220);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function dirOf(file: string): string {
  return file.replace(/[\\/][^\\/]*$/, '');
}
