/**
 * The checks of one operation: guards decide what applies, probe checks run
 * together (sharing requests through the context), then exchange checks judge
 * every exchange made. A check that throws becomes a `check-error` result and
 * the others go on; only an unreachable target ends the run. When the run is
 * interrupted, a check whose request was cancelled, and every exchange check
 * after it, is skipped as not run: what finished before stays as it was.
 */
import { CHECK_ERROR_ID } from '../checks/registry.ts';
import type { Check, CheckOutcome, ExchangeCheck, OperationContext, ProbeCheck } from '../checks/types.ts';
import { isSkip } from '../checks/types.ts';
import { TargetUnreachableError } from '../errors.ts';
import type { Redactor } from '../http/redact.ts';
import type { CheckResult } from '../result-model.ts';
import { plural } from '../checks/helpers.ts';
import { RunInterruptedError, interruptedBy, notRunMessage } from './interruption.ts';
import { located, toResult } from './to-result.ts';

/** `signal`: the run's; once it aborts, what has not finished is reported as not run. Default: none. */
export async function runOperationChecks(
  ctx: OperationContext,
  checks: readonly Check[],
  redactor: Redactor,
  signal?: AbortSignal,
): Promise<CheckResult[]> {
  const base = { specId: ctx.spec.id, operation: ctx.operation.id };
  const results = new Map<Check, CheckResult>();
  const runnable: Check[] = [];

  for (const check of checks) {
    const applies = applicability(check, ctx);
    if (applies === false) continue;
    if (typeof applies === 'string') {
      results.set(
        check,
        toResult({ ...base, checkId: check.id, severity: check.severity, status: 'skipped', message: `skipped: ${applies}` }, redactor),
      );
    } else if ('unavailable' in ctx.plan) {
      results.set(
        check,
        toResult(
          {
            ...base,
            checkId: check.id,
            severity: check.severity,
            status: 'skipped',
            message: `skipped: cannot build a valid request — ${ctx.plan.unavailable}`,
          },
          redactor,
        ),
      );
    } else {
      runnable.push(check);
    }
  }

  if (runnable.length > 0 && !('unavailable' in ctx.plan)) {
    const cutOff = (check: Check) => results.set(check, notRun(check, ctx, redactor, interruptedBy(signal), 'finished'));
    let preflightCut = false;
    try {
      // The valid request goes first and alone: it is the preflight that tells an unreachable target (exit 3) from a misbehaving one.
      await ctx.valid();
    } catch (error) {
      if (!(error instanceof RunInterruptedError)) throw error;
      preflightCut = true;
      runnable.forEach(cutOff);
    }
    if (!preflightCut) {
      const probes = runnable.filter((c): c is ProbeCheck => c.kind === 'probe');
      await Promise.all(probes.map(async (check) => results.set(check, await runProbe(check, ctx, redactor))));
      // Exchange checks judge every exchange of the operation; after an interruption that set is incomplete.
      for (const check of runnable.filter((c): c is ExchangeCheck => c.kind === 'exchange')) {
        if (signal?.aborted) cutOff(check);
        else results.set(check, runExchangeCheck(check, ctx, redactor));
      }
    }
  }
  return checks.filter((c) => results.has(c)).map((c) => results.get(c)!);
}

/**
 * The results of an operation the run never reached. Guards still decide
 * what applies (they read the spec and the settings, and send nothing), so
 * the report lists the same checks a full run would, each saying it did not run.
 */
export function notRunResults(ctx: OperationContext, checks: readonly Check[], redactor: Redactor, by: string | undefined): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const applies = applicability(check, ctx);
    if (applies === false) continue;
    if (typeof applies === 'string') {
      results.push(
        toResult(
          {
            specId: ctx.spec.id,
            operation: ctx.operation.id,
            checkId: check.id,
            severity: check.severity,
            status: 'skipped',
            message: `skipped: ${applies}`,
          },
          redactor,
        ),
      );
    } else {
      results.push(notRun(check, ctx, redactor, by, 'ran'));
    }
  }
  return results;
}

function notRun(check: Check, ctx: OperationContext, redactor: Redactor, by: string | undefined, phase: 'ran' | 'finished'): CheckResult {
  return toResult(
    {
      specId: ctx.spec.id,
      operation: ctx.operation.id,
      checkId: check.id,
      severity: check.severity,
      status: 'skipped',
      message: notRunMessage(by, phase),
    },
    redactor,
  );
}

function applicability(check: Check, ctx: OperationContext): boolean | string {
  for (const guard of check.guards) {
    const verdict = guard(ctx);
    if (verdict !== true) return verdict;
  }
  return true;
}

async function runProbe(check: ProbeCheck, ctx: OperationContext, redactor: Redactor): Promise<CheckResult> {
  const started = performance.now();
  const base = { specId: ctx.spec.id, operation: ctx.operation.id, checkId: check.id, severity: check.severity };
  let outcome: CheckOutcome;
  try {
    outcome = await check.run(ctx);
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw error;
    if (error instanceof RunInterruptedError) return notRun(check, ctx, redactor, error.by, 'finished');
    return crashed(check, ctx, error, redactor, performance.now() - started);
  }
  const durationMs = performance.now() - started;
  if (isSkip(outcome)) return toResult({ ...base, status: 'skipped', message: `skipped: ${outcome.skip}`, durationMs }, redactor);
  if (Array.isArray(outcome)) return toResult({ ...base, findings: outcome, durationMs }, redactor);
  return toResult(
    {
      ...base,
      findings: outcome.findings,
      evidence: outcome.evidence,
      message: outcome.findings.length === 0 ? outcome.message : undefined,
      durationMs,
    },
    redactor,
  );
}

function runExchangeCheck(check: ExchangeCheck, ctx: OperationContext, redactor: Redactor): CheckResult {
  const started = performance.now();
  const base = { specId: ctx.spec.id, operation: ctx.operation.id, checkId: check.id, severity: check.severity };
  try {
    const selected = ctx.exchanges.filter((exchange) => check.selects(exchange, ctx));
    if (selected.length === 0) {
      const reason = typeof check.nothingToInspect === 'string' ? check.nothingToInspect : check.nothingToInspect(ctx);
      return toResult({ ...base, status: 'skipped', message: `skipped: ${reason}` }, redactor);
    }
    const findings = selected.flatMap((exchange) => check.inspect(exchange, ctx));
    const valid = ctx.exchanges.find((e) => e.key === 'valid');
    const evidence = findings.find((f) => f.on)?.on ?? (valid && selected.includes(valid) ? valid : selected[0]);
    const failing = new Set(findings.map((f) => f.on)).size;
    const message = findings.length === 0 ? `${plural(selected.length, 'response')} checked, all conform` : undefined;
    return toResult(
      {
        ...base,
        findings,
        evidence,
        message:
          message ??
          (failing > 1 ? `${located(findings[0]!)} (${plural(findings.length, 'finding')} on ${plural(failing, 'response')})` : undefined),
        durationMs: performance.now() - started,
      },
      redactor,
    );
  } catch (error) {
    return crashed(check, ctx, error, redactor, performance.now() - started);
  }
}

function crashed(check: Check, ctx: OperationContext, error: unknown, redactor: Redactor, durationMs: number): CheckResult {
  const reason = error instanceof Error ? error.message : String(error);
  // The crashed check is the variant, so two crashes on one operation keep distinct ids.
  return toResult(
    {
      specId: ctx.spec.id,
      operation: ctx.operation.id,
      checkId: CHECK_ERROR_ID,
      variant: check.id,
      severity: 'error',
      status: 'failed',
      message: `check ${check.id} crashed: ${reason}`,
      durationMs,
    },
    redactor,
  );
}
