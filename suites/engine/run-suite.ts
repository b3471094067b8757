/**
 * `runSuite`: the conformance run. Loads each spec, sends through one HTTP
 * client, runs the selected checks per operation and returns the RunResults
 * the reports read. It writes nothing itself: its start, progress, results
 * and end go to the run's observers (observer.ts), files are the caller's.
 * Aborting `options.signal` ends it early with what ran, marked interrupted.
 */
import { toolVersion } from '../../specs/package-info.ts';
import { UsageError } from '../../specs/errors.ts';
import { loadSpec } from '../../specs/load.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { CHECK_ERROR_INFO, checkInfo, isSelected, selectChecks } from '../checks/registry.ts';
import type { CheckSettings } from '../checks/types.ts';
import { createHttpClient } from '../http/client.ts';
import { createCurlWriter } from '../http/curl.ts';
import { RequestSigner } from '../http/request-signer.ts';
import { loadTargetJwks } from '../http/target-jwks.ts';
import { createScrubber } from '../secrets/scrub.ts';
import { createRedactor, DEFAULT_EVIDENCE_BYTES } from '../http/redact.ts';
import { createCredentials } from '../plan/credentials.ts';
import { loadRequestData } from '../plan/request-data.ts';
import type { CheckResult, Interruption, OperationCoverage, RunResults, SpecInfo } from '../result-model.ts';
import { summarise, summariseCoverage, verdictOf } from '../result-model.ts';
import { multiplexObservers } from './observer.ts';
import type { RunOptions } from './run-options.ts';
import { DEFAULT_CONSISTENCY_LIMIT, DEFAULT_MAX_WALK_PAGES } from './run-options.ts';
import { interruptedBy } from './interruption.ts';
import { runSpec } from './run-spec.ts';
import { planKey, planShard, type ShardSpec } from './shard.ts';
import { diagnose } from './diagnose.ts';
import { demandsCredentials } from '../../specs/credentials-demand.ts';

export async function runSuite(options: RunOptions): Promise<RunResults> {
  if (options.suites.length === 0) throw new UsageError('Nothing to run: give --spec and --target.');
  const checks = selectChecks(options.only, options.skip);
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  // An observer that fails is a warning to the others; the run goes on (a failing progress hook is only collected, not echoed to itself).
  const observers = multiplexObservers(options.observers ?? [], {
    onError: (error) => {
      if (error.hook !== 'onProgress') observers.onProgress({ type: 'warning', message: error.message });
    },
  });
  const progress = observers.onProgress;
  const targets = options.suites.map((suite) => ({ ...suite, target: checkTarget(suite.target) }));
  const specs: LoadedSpec[] = [];
  for (const suite of targets) specs.push(typeof suite.spec === 'string' ? await loadSpec(suite.spec, options.specLoad) : suite.spec);

  const shard = options.shard ? planShard(specs, checkShard(options.shard)) : undefined;
  const secrets = specs.flatMap((spec, index) => {
    const own = targets[index]?.token;
    return createCredentials(spec, own === undefined ? options : { ...options, token: own }).secrets;
  });
  const extraCredentialHeaders = specs.flatMap((spec) =>
    Object.values(spec.securitySchemes)
      .filter((s) => s.type === 'apiKey' && s.in === 'header' && s.name)
      .map((s) => s.name!),
  );
  const curl = createCurlWriter({
    // A token the consent flow refreshes (a function) is not known in advance: its Authorization header
    // is then written as a placeholder of its own, never its value.
    token: typeof options.token === 'string' ? options.token : undefined,
    tokenWithoutPermissions: options.tokenWithoutPermissions,
    // The scrubber's own rule: the usual credential headers and this run's apiKey headers.
    isCredentialHeader: createScrubber([], { credentialHeaders: extraCredentialHeaders }).isCredentialHeader,
    tls: { cert: Boolean(options.certFile), key: Boolean(options.keyFile), ca: Boolean(options.caFile), insecure: options.insecure },
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const redactor = createRedactor(
    secrets,
    extraCredentialHeaders,
    options.evidenceBytes ?? DEFAULT_EVIDENCE_BYTES,
    curl,
    options.liveSecrets,
  );
  // A pinned run signs at its pinned time; any other signs at the wall clock of each request, so the iat of a long run stays fresh.
  const pinned = options.now;
  const requestSigner = new RequestSigner(options.requestSigning, pinned ? () => pinned.getTime() : () => Date.now());
  const settings: CheckSettings = {
    hasToken: Boolean(options.token),
    hasLimitedToken: Boolean(options.tokenWithoutPermissions),
    missingPermissions: options.missingPermissions?.length ? options.missingPermissions : undefined,
    now,
    maxWalkPages: options.maxWalkPages ?? DEFAULT_MAX_WALK_PAGES,
    consistencyLimit: options.consistencyLimit ?? DEFAULT_CONSISTENCY_LIMIT,
    verifiableSignatures: requestSigner.verifiable,
  };
  const specInfos: SpecInfo[] = specs.map((spec) => ({
    id: spec.id,
    title: spec.title,
    version: spec.version,
    source: spec.file ?? spec.source,
    basePath: spec.basePath,
  }));
  const tool = options.tool ?? { name: 'aferir', version: toolVersion() };
  const target = targetLabel(targets.map((t) => t.target));
  const specLabel = specs.map((s) => s.id).join(',');

  if (!options.token && specs.some((spec) => spec.operations.some((op) => demandsCredentials(spec, op)))) {
    progress({ type: 'warning', message: 'no --token was given: secured operations will answer 401 to the valid request too' });
  }
  await observers.onRunStart({ tool, target, spec: specLabel, specs: specInfos, startedAt: startedAt.toISOString() });

  const client = await createHttpClient(options);
  const requestData = await loadRequestData({ seed: options.seed, now });
  const results: CheckResult[] = [];
  const coverage: OperationCoverage[] = [];
  const diagnostics: string[] = [];
  const notRun = { operationsNotRun: 0, checksNotRun: 0 };
  try {
    if (options.targetJwks !== undefined) settings.targetJwks = await loadTargetJwks(options.targetJwks, client);
    for (const flow of options.flows ?? []) {
      if (options.signal?.aborted) break;
      const flowResults = await flow.run({
        specs,
        targets: targets.map((t) => t.target),
        redactor,
        selected: (id) => isSelected(id, options.only, options.skip),
        warn: (message) => progress({ type: 'warning', message: redactor.text(message) }),
        signal: options.signal,
      });
      results.push(...flowResults);
      for (const result of flowResults) await observers.onResult(result);
    }
    for (const [index, suite] of targets.entries()) {
      const spec = specs[index]!; // specs and specInfos hold one entry per target, in order
      if (!options.signal?.aborted)
        progress({ type: 'spec-start', spec: specInfos[index]!, target: suite.target, operations: spec.operations.length });
      const credentials = suite.token === undefined ? options : { ...options, token: suite.token };
      const outcome = await runSpec(
        { spec, target: suite.target, params: { ...options.params, ...suite.params } },
        {
          client,
          checks,
          settings,
          credentials,
          redactor,
          requestData,
          requestSigner,
          signal: options.signal,
          qualifyOperations: specs.length > 1,
          ...(shard || options.operations
            ? {
                inShard: (operation: Operation) =>
                  (shard?.runs(spec, operation) ?? true) && (options.operations?.includes(planKey(spec.id, operation.id)) ?? true),
              }
            : {}),
          onOperationStart: (operation: Operation, position: number, total: number) =>
            progress({ type: 'operation-start', spec: spec.id, operation: operation.id, index: position, total }),
          onOperationEnd: async (operation: Operation, operationResults: CheckResult[], reached: boolean) => {
            results.push(...operationResults);
            for (const result of operationResults) await observers.onResult(result);
            // After an interruption, a line per operation not reached would bury the one that says so.
            if (reached)
              progress({
                type: 'operation-end',
                spec: spec.id,
                operation: operation.id,
                results: operationResults,
                soFar: summarise(results),
              });
          },
        },
      );
      coverage.push(...outcome.coverage);
      diagnostics.push(
        ...diagnose({ spec, target: suite.target, validStatuses: outcome.validStatuses }, createCredentials(spec, credentials)),
      );
      notRun.operationsNotRun += outcome.operationsNotRun;
      notRun.checksNotRun += outcome.checksNotRun;
    }
  } finally {
    await client.close();
  }
  const requests = client.sent;

  const finishedAt = new Date();
  const summary = summarise(results);
  const interrupted = options.signal?.aborted === true;
  if (!interrupted && summary.total > 0 && summary.passed + summary.failed + summary.warnings === 0) {
    progress({
      type: 'warning',
      message: 'nothing was checked: every check was skipped (see the reasons in the report; --param supplies ids discovery cannot find)',
    });
  }
  const failOn = options.failOn ?? 'error';
  const coverageSummary = summariseCoverage(coverage, options.allowSkips ? 0 : (options.minCoverage ?? 1));
  const usedIds = new Set(results.map((r) => r.check));
  const run: RunResults = {
    tool,
    target,
    spec: specLabel,
    specs: specInfos,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    failOn,
    verdict: verdictOf(summary, failOn, interrupted, coverageSummary),
    ...(interrupted ? { interrupted: true, interruption: interruptionOf(options.signal, notRun) } : {}),
    summary,
    checks: [
      ...(options.flows ?? []).flatMap((flow) => flow.checks.filter((info) => usedIds.has(info.id))),
      ...checks.map(checkInfo),
      ...(usedIds.has(CHECK_ERROR_INFO.id) ? [CHECK_ERROR_INFO] : []),
    ],
    coverage,
    coverageSummary,
    ...(diagnostics.length > 0 ? { diagnostics } : {}),
    results,
    requests,
    ...(shard ? { shard: shard.info } : {}),
  };
  await observers.onRunEnd(run);
  return run;
}

function interruptionOf(signal: AbortSignal | undefined, notRun: Omit<Interruption, 'signal'>): Interruption {
  const by = interruptedBy(signal);
  return { ...(by ? { signal: by } : {}), ...notRun };
}

function checkShard(shard: ShardSpec): ShardSpec {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count)
    throw new UsageError(`--shard ${index}/${count} is not a shard: give i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.`);
  return shard;
}

function checkTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(
      `--target ${JSON.stringify(target)} is not a URL; give the API base URL, e.g. https://api.bank.example/open-banking/accounts/v2.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target ${target} must be an http or https URL.`);
  if (url.username || url.password) throw new UsageError('--target must not carry credentials in the URL; use --token or --header.');
  return url.toString().replace(/\/+$/, '');
}

/** One target as is; several sharing an origin (the demo's mock) as that origin; otherwise all of them. */
function targetLabel(targets: string[]): string {
  const unique = [...new Set(targets)];
  const origins = new Set(unique.map((t) => new URL(t).origin));
  const [only] = unique.length === 1 ? unique : origins.size === 1 ? origins : [];
  return only ?? unique.join(', ');
}
