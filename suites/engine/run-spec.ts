/**
 * One spec against one target: operations in provider-first order, each with
 * its valid plan (ids from discovery or --param), its checks, and the ids it
 * lists harvested for the operations after it. Once the run's signal
 * aborts, no request leaves, the one in flight is cancelled, and the
 * operations not reached are listed with their checks marked as not run.
 */
import { profileOf } from '../../families/index.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { Check, CheckSettings, OperationContext } from '../checks/types.ts';
import { TargetUnreachableError } from '../errors.ts';
import type { HttpClient } from '../http/client.ts';
import { createExchange, type Exchange } from '../http/exchange.ts';
import type { Redactor } from '../http/redact.ts';
import type { RequestSigner } from '../http/request-signer.ts';
import { createCredentials, type CredentialOptions } from '../plan/credentials.ts';
import { Discovery } from '../plan/discovery.ts';
import { inputsOf, orderOperations, type Input } from '../plan/inputs.ts';
import { pagingProfile } from '../plan/paging.ts';
import type { RequestData } from '../plan/request-data.ts';
import { brokenVariantsOf } from '../plan/broken-variants.ts';
import { toOutgoing, type RequestPlan } from '../plan/request-plan.ts';
import { isCallerSupplied } from '../plan/caller-supplied.ts';
import { buildValidPlan, parseParam } from '../plan/valid-plan.ts';
import type { CheckResult, OperationCoverage } from '../result-model.ts';
import { interruptedBy, isNotRunMessage, RunInterruptedError, throwIfInterrupted } from './interruption.ts';
import { createOperationContext } from './operation-context.ts';
import { notRunResults, runOperationChecks } from './run-operation.ts';

export interface SpecRunInput {
  spec: LoadedSpec;
  target: string;
  /** `--param name=value`. */
  params: Readonly<Record<string, string>>;
}

export interface SpecRunEnvironment {
  client: HttpClient;
  checks: readonly Check[];
  settings: CheckSettings;
  credentials: CredentialOptions;
  redactor: Redactor;
  requestData: RequestData;
  /** Signs the bodies of operations that take `application/jwt` (request-signer.ts). Default: none, sent as JSON. */
  requestSigner?: RequestSigner;
  /** The run's abort signal: stop sending, report the rest as not run. Default: none. */
  signal?: AbortSignal;
  /**
   * Whether this run (a `--shard`) runs the checks of `operation`. One outside still sends its valid request,
   * so the ids it lists reach the operations after it exactly as in a whole run. Default: every operation.
   */
  inShard?(operation: Operation): boolean;
  /** Write result ids' operation as `spec:operation`: a run over several specs, whose operationIds may repeat. Default false. */
  qualifyOperations?: boolean;
  onOperationStart?(operation: Operation, index: number, total: number): void;
  /** `reached` is false for an operation listed as not run after an interruption. */
  onOperationEnd?(operation: Operation, results: CheckResult[], reached: boolean): void | Promise<void>;
}

export interface SpecRunOutcome {
  results: CheckResult[];
  coverage: OperationCoverage[];
  /** Operations whose checks never started because the run was interrupted. */
  operationsNotRun: number;
  /** Results skipped because the run was interrupted. */
  checksNotRun: number;
  /** The status each operation's valid request got, for the diagnostics (diagnose.ts). */
  validStatuses: number[];
}

export async function runSpec(input: SpecRunInput, env: SpecRunEnvironment): Promise<SpecRunOutcome> {
  const { spec, target, params } = input;
  const credentials = createCredentials(spec, env.credentials);
  const discovery = new Discovery();
  const profile = profileOf(spec);
  const operations = orderOperations(spec);
  const consumed = new Set(spec.operations.flatMap((op) => inputsOf(spec, op).map((i) => i.name)));
  const state = { reached: false };
  const results: CheckResult[] = [];
  const coverage: OperationCoverage[] = [];
  const validStatuses: number[] = [];

  const { signal } = env;
  let operationsNotRun = 0;

  const send = async (operation: Operation, key: string, label: string, plan: RequestPlan): Promise<Exchange> => {
    throwIfInterrupted(signal);
    const planned = toOutgoing(target, operation, plan, credentials);
    const request = env.requestSigner ? env.requestSigner.apply(operation, planned) : planned;
    let outcome: Awaited<ReturnType<HttpClient['send']>>;
    try {
      outcome = await env.client.send(request, signal);
    } catch (error) {
      throwIfInterrupted(signal);
      throw error;
    }
    // Whatever a cancelled request yielded (a timeout, a reset) is not the target's doing.
    throwIfInterrupted(signal);
    if (outcome.failure?.unreachable && !state.reached) throw new TargetUnreachableError(target, outcome.failure.message);
    if (outcome.response) state.reached = true;
    return createExchange(
      { key, label, operation, request, response: outcome.response, failure: outcome.failure },
      env.client.maxBodyBytes,
    );
  };

  const harvest = harvestFrom(consumed, discovery);
  const qualify = (list: CheckResult[], operation: Operation): CheckResult[] => {
    if (!env.qualifyOperations) return list;
    return list.map((result) => {
      const prefix = `${result.check}@${operation.id}`;
      return { ...result, id: `${result.check}@${spec.id}:${operation.id}${result.id.slice(prefix.length)}` };
    });
  };

  for (const [index, operation] of operations.entries()) {
    const inShard = env.inShard?.(operation) ?? true;
    if (signal?.aborted && !inShard) continue;
    if (signal?.aborted) {
      const ctx = createOperationContext({
        spec,
        operation,
        profile,
        paging: pagingProfile(operation, profile.paging),
        inputs: inputsOf(spec, operation),
        plan: { unavailable: 'the run was interrupted' },
        settings: env.settings,
        discovery,
        send,
      });
      const notRun = qualify(notRunResults(ctx, env.checks, env.redactor, interruptedBy(signal)), operation);
      operationsNotRun++;
      results.push(...notRun);
      coverage.push(coverageOf(spec, operation, [], notRun));
      await env.onOperationEnd?.(operation, notRun, false);
      continue;
    }
    if (inShard) env.onOperationStart?.(operation, index, operations.length);
    const inputs = inputsOf(spec, operation);
    const plan = profile.judgedByFlow
      ? { unavailable: judgedByFlowReason(spec) }
      : buildValidPlan(spec, operation, inputs, {
          known: knownValues(inputs, params, discovery),
          params,
          generated:
            operation.requestBody || needsGeneratedValues(spec, operation, inputs)
              ? env.requestData.validRequest(spec, operation)
              : undefined,
        });
    const ctx = createOperationContext({
      spec,
      operation,
      profile,
      paging: pagingProfile(operation, profile.paging),
      inputs,
      plan,
      settings: env.settings,
      discovery,
      send,
      brokenVariants: (op, base) => brokenVariantsOf(env.requestData, spec, op, base, env.requestSigner?.verifiable),
      sampleValue: (schema, key) => env.requestData.sample(spec, schema, key),
    });
    if (!inShard) {
      await discoverOnly(ctx);
      harvest(ctx, operation);
      continue;
    }
    const operationResults = qualify(await runOperationChecks(ctx, env.checks, env.redactor, signal), operation);
    harvest(ctx, operation);
    const validStatus = ctx.exchanges.find((e) => e.key === 'valid')?.response?.status;
    if (validStatus !== undefined) validStatuses.push(validStatus);
    results.push(...operationResults);
    coverage.push(coverageOf(spec, operation, ctx.exchanges, operationResults));
    await env.onOperationEnd?.(operation, operationResults, true);
  }
  return {
    results,
    coverage,
    operationsNotRun,
    checksNotRun: results.filter((r) => isNotRunMessage(r.message)).length,
    validStatuses,
  };
}

/** The valid request of an operation another shard checks: only for the ids it lists. An interruption ends it quietly. */
async function discoverOnly(ctx: OperationContext): Promise<void> {
  if ('unavailable' in ctx.plan) return;
  try {
    await ctx.valid();
  } catch (error) {
    if (!(error instanceof RunInterruptedError)) throw error;
  }
}

function harvestFrom(consumed: ReadonlySet<string>, discovery: Discovery) {
  return (ctx: OperationContext, operation: Operation): void => {
    for (const exchange of ctx.exchanges) {
      if (!exchange.response || exchange.response.status >= 300 || exchange.body.kind !== 'json') continue;
      if (!['valid', 'page-size-max'].includes(exchange.key) && !exchange.key.startsWith('walk:')) continue;
      for (const name of consumed) discovery.harvest(name, exchange.body.value, operation.id, exchange.request.body);
    }
  };
}

function knownValues(inputs: readonly Input[], params: Readonly<Record<string, string>>, discovery: Discovery): Map<string, unknown> {
  const known = new Map<string, unknown>();
  for (const input of inputs) {
    const given = params[input.name];
    if (given !== undefined) known.set(input.name, input.in === 'body' ? parseParam(given) : given);
    else {
      const found = discovery.values(input.name)[0];
      if (found) known.set(input.name, found.value);
    }
  }
  return known;
}

/**
 * An API whose requests need state only a client's journey creates (FamilyProfile.judgedByFlow: a consent
 * created, approved and revoked) is not judged one operation at a time: its requests would be refused for
 * want of that state, not for a defect. The flow's suite judges it under `aferir run --auth`.
 */
function judgedByFlowReason(spec: LoadedSpec): string {
  return `${spec.title} is judged by its flow, not one operation at a time: its requests need a consent created and approved through the authorization server (aferir run --auth runs the consents suite)`;
}

function needsGeneratedValues(spec: LoadedSpec, operation: Operation, inputs: readonly Input[]): boolean {
  return (
    operation.parameters.some(
      (p) => p.required && (p.in === 'query' || (p.in === 'header' && !/^(authorization|x-fapi-interaction-id)$/i.test(p.name))),
    ) || inputs.some((input) => isCallerSupplied(spec, operation, input))
  );
}

function coverageOf(
  spec: LoadedSpec,
  operation: Operation,
  exchanges: readonly Exchange[],
  results: readonly CheckResult[],
): OperationCoverage {
  const statuses = [...new Set(exchanges.filter((e) => e.response).map((e) => String(e.response!.status)))].sort();
  // An operation the user's --only/--skip left without a single check is theirs to leave out: not held to coverage.
  const covered = results.length === 0 ? undefined : results.some(couldFail);
  return {
    spec: spec.id,
    operation: operation.id,
    method: operation.method,
    path: operation.path,
    exercised: statuses.length > 0,
    documentedStatuses: operation.responses.map((r) => r.status),
    exercisedStatuses: statuses,
    ...(covered === undefined ? {} : { covered }),
    ...(covered === false ? { notCoveredReason: notCoveredReason(results) } : {}),
  };
}

/** A result that judged something the target answered: it could have failed. */
function couldFail(result: CheckResult): boolean {
  return result.status !== 'skipped' && result.request !== undefined;
}

/** Why no check exercised the operation: its distinct skip reasons, the valid request's first (it holds every other check back). */
function notCoveredReason(results: readonly CheckResult[]): string {
  const reasons = [...new Set(results.filter((r) => r.status === 'skipped').map((r) => r.message.replace(/^skipped: /, '')))];
  if (reasons.length === 0) return 'every check that ran on it crashed before sending a request';
  // Without a valid request nothing else could run: that one reason is the whole story.
  const noPlan = reasons.find((reason) => reason.startsWith('cannot build a valid request'));
  if (noPlan) return noPlan;
  const shown = reasons.slice(0, 2).join('; ');
  return reasons.length > 2 ? `${shown} (and ${reasons.length - 2} more)` : shown;
}
