/**
 * `aferir replay <results.json> --only <result-id>`: one result of an earlier
 * run checked again. The operation's checks run afresh against the target
 * (its valid request, its probes, the exchanges its findings were about),
 * with the credentials of this invocation (`--token`, `$AFERIR_TOKEN`; never
 * anything from the file); the operations before it send only their valid
 * request, for the ids they list. Prints what was re-sent and PASS or FAIL.
 */
import { catalogueEntry } from '../../specs/catalogue.ts';
import { UsageError } from '../../specs/errors.ts';
import { runSuite } from '../../suites/engine/run-suite.ts';
import type { CheckResult, RunResults } from '../../suites/result-model.ts';
import { createScrubber, scrubError } from '../../suites/secrets/scrub.ts';
import type { ConfigValues } from './config-file.ts';
import { resolveRunConfig } from './run-config.ts';
import type { ExecuteIo } from './execute.ts';

export interface ReplayRequest {
  run: RunResults;
  file: string;
  /** The result id to replay (`--only`). */
  id: string;
  /** The run flags given on the command line (target, spec, token, header, cert, …); target and spec default from the file. */
  flags: ConfigValues;
}

export async function replay(request: ReplayRequest, io: ExecuteIo): Promise<number> {
  const original = request.run.results.find((result) => result.id === request.id);
  if (!original)
    throw new UsageError(
      `${request.file} has no result ${request.id}; give an id from its results (e.g. ${request.run.results[0]?.id ?? 'check@operation'}).`,
    );
  const spec = request.run.specs.find((info) => info.id === original.spec);
  const specRef = request.flags.spec ?? (catalogueEntry(original.spec) ? original.spec : spec?.source);
  const target = request.flags.target ?? defaultTarget(request.run, spec?.basePath);
  const config = resolveRunConfig({ ...request.flags, spec: specRef, target }, {}, io.env, io.cwd);
  const scrub = createScrubber(config.secrets).text;
  const print = (line: string) => io.stdout.write(`${scrub(line)}\n`);
  try {
    print(`replaying ${original.id} (${original.spec} against ${target})`);
    print(`was: ${verdictWord(original, request.run)} ${original.message}`);
    const run = await runSuite({
      ...config.options,
      // The whole operation runs again: an exchange check judges every exchange the other checks make.
      operations: [`${original.spec} ${original.operation}`],
    });
    const again = run.results.find((result) => sameResult(result, original, run.specs.length > 1));
    if (!again)
      throw new UsageError(
        `${original.id} did not run again: the spec no longer has that check on ${original.operation}, or --only/--skip left it out.`,
      );
    for (const exchange of [again, ...(again.exchanges ?? [])]) {
      if (exchange.request)
        print(`re-sent: ${exchange.request.method} ${exchange.request.url} → ${exchange.response?.status ?? 'no response'}`);
    }
    if (again.curl) print(`  ${again.curl}`);
    const word = verdictWord(again, run);
    print(`now: ${word} ${again.message}`);
    return word === 'PASS' ? 0 : 1;
  } catch (error) {
    throw scrubError(error, scrub);
  }
}

/** A one-spec run's target as it was; in a run over several specs (the demo), that origin plus the spec's base path. */
function defaultTarget(run: RunResults, basePath: string | undefined): string {
  if (run.specs.length <= 1 || !basePath) return run.target;
  try {
    return new URL(basePath, run.target).toString();
  } catch {
    throw new UsageError(`Cannot tell the target of this spec from ${run.target}; give --target.`);
  }
}

/** The same check on the same operation, with the same variant; ids of a one-spec replay of a multi-spec run drop the `spec:`. */
function sameResult(candidate: CheckResult, original: CheckResult, qualified: boolean): boolean {
  const expected = qualified ? original.id : original.id.replace(`@${original.spec}:`, '@');
  return candidate.id === expected && candidate.spec === original.spec;
}

function verdictWord(result: CheckResult, run: RunResults): 'PASS' | 'FAIL' | 'SKIPPED' {
  if (result.status === 'skipped') return 'SKIPPED';
  if (result.status === 'failed' || (result.status === 'warning' && run.failOn === 'warning')) return 'FAIL';
  return 'PASS';
}
