/**
 * `junit.xml` for CI test tabs (GitHub, GitLab, Jenkins, Azure): one
 * <testsuite> per operation, one <testcase> per result. Warnings pass with
 * their details in <system-out>, unless the run fails on warnings, in which
 * case they are failures, so the CI tab agrees with the exit code. An
 * interrupted run says so where CI tabs look: in the root's name, a property
 * on every suite, and a first suite holding one <error> for the run itself
 * (the checks that did not run are skipped testcases, not invented results).
 */
import { coverageMet, describeCoverage, describeInterruption, type CheckResult, type RunResults } from '../suites/result-model.ts';
import { groupByOperation, type OperationGroup } from './group.ts';
import { describeEvidence, describeFindings, oneLine } from './text.ts';
import { openTag, xmlText } from './xml.ts';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  seconds: number;
}

/** What every part of the document needs to know about the run. */
interface Context {
  run: RunResults;
  descriptions: Map<string, string>;
  isFailure: (result: CheckResult) => boolean;
}

export function buildJUnit(run: RunResults): string {
  const failsOnWarning = run.failOn === 'warning';
  const context: Context = {
    run,
    descriptions: new Map(run.checks.map((check) => [check.id, check.description])),
    isFailure: (result) => result.status === 'failed' || (failsOnWarning && result.status === 'warning'),
  };
  // The root's time is the wall clock: results run concurrently, so their durations overlap.
  const total = { ...countsOf(run.results, context), seconds: run.durationMs / 1_000 };
  const interrupted = run.interrupted === true;
  if (interrupted) {
    total.tests++;
    total.errors++;
  }
  const uncovered = !interrupted && run.coverageSummary !== undefined && !coverageMet(run.coverageSummary);
  if (uncovered) {
    total.tests++;
    total.failures++;
  }
  const by = run.interruption?.signal ? ` by ${run.interruption.signal}` : '';
  const name = `${run.tool.name} ${run.spec}${interrupted ? ` (interrupted${by})` : ''}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `${openTag('testsuites', { name, ...countAttributes(total), timestamp: run.startedAt })}>`,
    ...(interrupted ? [buildInterruptionSuite(context)] : []),
    ...(uncovered ? [buildCoverageSuite(context)] : []),
    ...groupByOperation(run).map((group) => buildSuite(group, context)),
    '</testsuites>',
    '',
  ].join('\n');
}

function buildSuite(group: OperationGroup, context: Context): string {
  const { run } = context;
  const lines = [
    `  ${openTag('testsuite', { name: `${group.spec} › ${group.operation}`, ...countAttributes(countsOf(group.results, context)), timestamp: run.startedAt })}>`,
    ...propertyLines(run, group.spec),
  ];
  const seen = new Set<string>();
  for (const result of group.results) lines.push(buildTestcase(group, result, uniqueName(result, seen), context));
  lines.push('  </testsuite>');
  return lines.join('\n');
}

function propertyLines(run: RunResults, spec: string): string[] {
  return [
    '    <properties>',
    `      ${openTag('property', { name: 'target', value: run.target })}/>`,
    `      ${openTag('property', { name: 'spec', value: spec })}/>`,
    `      ${openTag('property', { name: 'tool', value: `${run.tool.name} ${run.tool.version}` })}/>`,
    `      ${openTag('property', { name: 'fail-on', value: run.failOn })}/>`,
    ...(run.interrupted ? [`      ${openTag('property', { name: 'interrupted', value: run.interruption?.signal ?? 'true' })}/>`] : []),
    ...(run.coverageSummary ? [`      ${openTag('property', { name: 'coverage', value: describeCoverage(run.coverageSummary) })}/>`] : []),
    ...(run.diagnostics ?? []).map((line) => `      ${openTag('property', { name: 'hint', value: line })}/>`),
    '    </properties>',
  ];
}

/** The run itself as one testcase in error: CI tabs list errors next to failures, so a cut-short run cannot pass unnoticed. */
function buildInterruptionSuite(context: Context): string {
  const { run } = context;
  const sentence = `The run was ${describeInterruption(run.interruption)}`;
  const details = `${sentence}. The results of what ran are in this file; the checks that did not run are skipped testcases saying so.`;
  const counts: Counts = { tests: 1, failures: 0, errors: 1, skipped: 0, seconds: 0 };
  return [
    `  ${openTag('testsuite', { name: `${run.tool.name} › run`, ...countAttributes(counts), timestamp: run.startedAt })}>`,
    ...propertyLines(run, run.spec),
    `    ${openTag('testcase', { name: 'the run finished', classname: `${run.tool.name}.run`, time: '0.000' })}>`,
    `      ${openTag('error', { message: sentence, type: 'interrupted' })}>${xmlText(details)}</error>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
}

/** Too few operations covered: one failing testcase for the run, so the CI tab agrees with the exit code. */
function buildCoverageSuite(context: Context): string {
  const { run } = context;
  const coverage = run.coverageSummary!;
  const sentence = describeCoverage(coverage);
  const details = [sentence, '', 'not covered:', ...coverage.notCovered.map((n) => `  ${n.spec} ${n.operation}: ${n.reason}`)].join('\n');
  const counts: Counts = { tests: 1, failures: 1, errors: 0, skipped: 0, seconds: 0 };
  return [
    `  ${openTag('testsuite', { name: `${run.tool.name} › coverage`, ...countAttributes(counts), timestamp: run.startedAt })}>`,
    ...propertyLines(run, run.spec),
    `    ${openTag('testcase', { name: 'operations covered', classname: `${run.tool.name}.run`, time: '0.000' })}>`,
    `      ${openTag('failure', { message: sentence, type: 'coverage' })}>${xmlText(details)}</failure>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
}

function buildTestcase(group: OperationGroup, result: CheckResult, name: string, context: Context): string {
  const open = `    ${openTag('testcase', { name, classname: `${group.spec}.${group.operation}`, time: ((result.durationMs ?? 0) / 1_000).toFixed(3) })}`;
  if (result.status === 'skipped') {
    return `${open}>\n      ${openTag('skipped', { message: result.message })}/>\n    </testcase>`;
  }
  if (result.status === 'passed') return `${open}/>`;
  const details = xmlText(detailsOf(result, context));
  if (context.isFailure(result)) {
    const failure = openTag('failure', { message: result.message, type: `${result.check} (${result.severity})` });
    return `${open}>\n      ${failure}>${details}</failure>\n    </testcase>`;
  }
  return `${open}>\n      <system-out>${details}</system-out>\n    </testcase>`;
}

/** The result's stable id, so CI history follows one test across runs; the message is in the body. */
function uniqueName(result: CheckResult, seen: Set<string>): string {
  // Ids are unique within a run; a hand-edited file that repeats one still gets distinct names.
  const name = seen.has(result.id) ? `${result.id} [${result.check} ${oneLine(result.message)}]` : result.id;
  seen.add(name);
  return name;
}

function detailsOf(result: CheckResult, context: Context): string {
  const description = context.descriptions.get(result.check);
  const lines = [`${result.status.toUpperCase()} ${result.check} (${result.severity}): ${result.message}`];
  if (description) lines.push(`check: ${description}`);
  if (result.curl) lines.push('', 'reproduce:', result.curl);
  const findings = describeFindings(result);
  if (findings.length > 0) lines.push('', 'findings:', ...findings);
  const evidence = describeEvidence(result);
  if (evidence.length > 0) lines.push('', ...evidence);
  return lines.join('\n');
}

function countsOf(results: readonly CheckResult[], context: Context): Counts {
  const counts: Counts = { tests: results.length, failures: 0, errors: 0, skipped: 0, seconds: 0 };
  for (const result of results) {
    if (context.isFailure(result)) counts.failures++;
    else if (result.status === 'skipped') counts.skipped++;
    counts.seconds += (result.durationMs ?? 0) / 1_000;
  }
  return counts;
}

function countAttributes(counts: Counts): Record<string, string | number> {
  return {
    tests: counts.tests,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    time: counts.seconds.toFixed(3),
  };
}
