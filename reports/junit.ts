/**
 * `junit.xml` for CI test tabs (GitHub, GitLab, Jenkins, Azure): one
 * <testsuite> per operation, one <testcase> per result. Warnings pass with
 * their details in <system-out>, unless the run fails on warnings, in which
 * case they are failures, so the CI tab agrees with the exit code.
 */
import type { CheckResult, RunResults } from '../suites/result-model.ts';
import { groupByOperation, type OperationGroup } from './group.ts';
import { describeEvidence, describeFindings, oneLine, truncate } from './text.ts';
import { openTag, xmlText } from './xml.ts';

/** How much of the message a testcase name carries; the full message is in <failure>. */
const NAME_MESSAGE_CAP = 100;

interface Counts {
  tests: number;
  failures: number;
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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `${openTag('testsuites', { name: `${run.tool.name} ${run.spec}`, ...countAttributes(total), timestamp: run.startedAt })}>`,
    ...groupByOperation(run).map((group) => buildSuite(group, context)),
    '</testsuites>',
    '',
  ].join('\n');
}

function buildSuite(group: OperationGroup, context: Context): string {
  const { run } = context;
  const lines = [
    `  ${openTag('testsuite', { name: `${group.spec} › ${group.operation}`, ...countAttributes(countsOf(group.results, context)), timestamp: run.startedAt })}>`,
    '    <properties>',
    `      ${openTag('property', { name: 'target', value: run.target })}/>`,
    `      ${openTag('property', { name: 'spec', value: group.spec })}/>`,
    `      ${openTag('property', { name: 'tool', value: `${run.tool.name} ${run.tool.version}` })}/>`,
    `      ${openTag('property', { name: 'fail-on', value: run.failOn })}/>`,
    '    </properties>',
  ];
  const seen = new Set<string>();
  for (const result of group.results) lines.push(buildTestcase(group, result, uniqueName(result, seen), context));
  lines.push('  </testsuite>');
  return lines.join('\n');
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

/** Check id plus the start of the message; the result id only when two names would collide. */
function uniqueName(result: CheckResult, seen: Set<string>): string {
  let name = `${result.check}: ${truncate(oneLine(result.message), NAME_MESSAGE_CAP)}`;
  if (seen.has(name)) name = `${name} [${result.id}]`;
  seen.add(name);
  return name;
}

function detailsOf(result: CheckResult, context: Context): string {
  const description = context.descriptions.get(result.check);
  const lines = [`${result.status.toUpperCase()} ${result.check} (${result.severity}): ${result.message}`];
  if (description) lines.push(`check: ${description}`);
  const findings = describeFindings(result);
  if (findings.length > 0) lines.push('', 'findings:', ...findings);
  const evidence = describeEvidence(result);
  if (evidence.length > 0) lines.push('', ...evidence);
  return lines.join('\n');
}

function countsOf(results: readonly CheckResult[], context: Context): Counts {
  const counts: Counts = { tests: results.length, failures: 0, skipped: 0, seconds: 0 };
  for (const result of results) {
    if (context.isFailure(result)) counts.failures++;
    else if (result.status === 'skipped') counts.skipped++;
    counts.seconds += (result.durationMs ?? 0) / 1_000;
  }
  return counts;
}

function countAttributes(counts: Counts): Record<string, string | number> {
  return { tests: counts.tests, failures: counts.failures, errors: 0, skipped: counts.skipped, time: counts.seconds.toFixed(3) };
}
