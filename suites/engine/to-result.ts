/**
 * Check outcomes → CheckResult, the shape the reports read: a stable id,
 * status from the findings and the check's severity, one message, the
 * evidence of the exchange it is mainly about plus every other exchange its
 * findings name, a `curl` command to reproduce a failure, everything scrubbed
 * of secrets.
 */
import type { CheckFinding } from '../checks/types.ts';
import { describeExchange, type Exchange } from '../http/exchange.ts';
import type { Redactor } from '../http/redact.ts';
import type { CheckResult, ExchangeEvidence, Finding, ResultStatus, Severity } from '../result-model.ts';
import { resultId } from '../result-model.ts';

export interface ResultInput {
  specId: string;
  operation: string;
  checkId: string;
  /** What tells this result from another of the same check on the same operation (see `resultId`). Default: none. */
  variant?: string;
  severity: Severity;
  status?: ResultStatus;
  message?: string;
  findings?: CheckFinding[];
  evidence?: Exchange;
  durationMs?: number;
}

export function toResult(input: ResultInput, redactor: Redactor): CheckResult {
  const findings = input.findings ?? [];
  const errors = findings.filter((f) => f.severity !== 'warning');
  const status: ResultStatus =
    input.status ??
    (errors.length > 0 ? (input.severity === 'warning' ? 'warning' : 'failed') : findings.length > 0 ? 'warning' : 'passed');
  const evidence = input.evidence ?? findings.find((f) => f.on)?.on;
  const lead = errors[0] ?? findings[0];
  const message =
    input.message ??
    (lead ? `${located(lead)}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}` : passedMessage(evidence));
  const reproducible = status === 'failed' || status === 'warning';
  const curlOf = (exchange: Exchange) =>
    reproducible && redactor.curl ? { curl: redactor.secretsOnly(redactor.curl(exchange.request)) } : {};
  const others = otherExchanges(findings, evidence).map((exchange): ExchangeEvidence => ({
    // Scrubbed as the findings' own `exchange` is, so the two still match: a query can carry an echoed token.
    exchange: redactor.text(describeExchange(exchange)),
    request: redactor.requestEvidence(exchange),
    ...(exchange.response ? { response: redactor.responseEvidence(exchange) } : {}),
    ...curlOf(exchange),
  }));
  const result: CheckResult = {
    id: resultId(input.checkId, input.operation, input.variant),
    check: input.checkId,
    spec: input.specId,
    operation: input.operation,
    status,
    severity: input.severity,
    message: redactor.text(message),
    ...(findings.length > 0 ? { findings: findings.map((f) => redactor.deep(toFinding(f))) } : {}),
    ...(evidence ? { request: redactor.requestEvidence(evidence) } : {}),
    ...(evidence?.response ? { response: redactor.responseEvidence(evidence) } : {}),
    ...(evidence ? curlOf(evidence) : {}),
    ...(others.length > 0 ? { exchanges: others } : {}),
    ...(input.durationMs !== undefined ? { durationMs: Math.round(input.durationMs) } : {}),
  };
  return result;
}

/** The exchanges findings are about other than the evidence, each once, in the order first named. */
function otherExchanges(findings: readonly CheckFinding[], evidence: Exchange | undefined): Exchange[] {
  const seen = new Set<Exchange>(evidence ? [evidence] : []);
  const out: Exchange[] = [];
  for (const finding of findings) {
    if (!finding.on || seen.has(finding.on)) continue;
    seen.add(finding.on);
    out.push(finding.on);
  }
  return out;
}

/** `$.data[0].amount: must be string`: a row's one-line message says where, not only what. */
export function located(finding: CheckFinding): string {
  if (!finding.path?.startsWith('$.') && !finding.path?.startsWith('$[')) return finding.message;
  if (finding.message.includes(finding.path)) return finding.message;
  return `${finding.path}: ${finding.message}`;
}

function toFinding(finding: CheckFinding): Finding {
  const { on, ...rest } = finding;
  const out: Finding = { ...rest };
  if (on) out.exchange = describeExchange(on);
  for (const key of Object.keys(out) as Array<keyof Finding>) if (out[key] === undefined) delete out[key];
  return out;
}

/** `the request without credentials answered 401`: what passing meant, when the check gave no message of its own. */
function passedMessage(evidence: Exchange | undefined): string {
  if (!evidence?.response) return 'passed';
  return `${evidence.label} answered ${evidence.response.status}`;
}
