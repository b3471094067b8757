/**
 * Results of the flow checks in the run's result model: status from the
 * findings, evidence of one API answer, every string through the run's
 * scrubber (the answers carry tokens in their requests and may echo them).
 */
import type { Redactor } from '../http/redact.ts';
import type { CheckInfo, CheckResult, Finding, ResultStatus } from '../result-model.ts';
import type { ApiAnswer } from './consents-api.ts';

const EVIDENCE_BYTES = 64 * 1024;

export interface FlowOutcome {
  findings?: Finding[];
  /** Overrides the status the findings give (`skipped`). */
  status?: ResultStatus;
  message?: string;
  evidence?: ApiAnswer;
}

export function flowResult(
  redactor: Redactor,
  spec: string,
  info: CheckInfo,
  operation: string,
  outcome: FlowOutcome,
  variant?: string,
): CheckResult {
  const findings = outcome.findings ?? [];
  const status: ResultStatus = outcome.status ?? (findings.length > 0 ? (info.severity === 'warning' ? 'warning' : 'failed') : 'passed');
  const first = findings[0];
  const message =
    outcome.message ??
    (first
      ? `${first.message}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`
      : outcome.evidence
        ? `${outcome.evidence.method} → ${outcome.evidence.status} as expected`
        : 'as expected');
  const { evidence } = outcome;
  return {
    id: `${spec}/${operation}/${info.id}${variant ? `#${variant}` : ''}`,
    check: info.id,
    spec,
    operation,
    status,
    severity: info.severity,
    message: redactor.text(message),
    ...(findings.length > 0 ? { findings: findings.map((finding) => redactor.deep(finding)) } : {}),
    ...(evidence
      ? {
          request: {
            method: evidence.method,
            url: redactor.text(evidence.url),
            headers: redactor.headers(evidence.requestHeaders),
            ...(evidence.requestBody === undefined ? {} : { body: redactor.text(JSON.stringify(evidence.requestBody)) }),
          },
          response: {
            status: evidence.status,
            headers: redactor.headers(evidence.headers),
            body: capped(redactor.text(evidence.text)),
            bodyBytes: Buffer.byteLength(evidence.text),
            bodyTruncated: Buffer.byteLength(evidence.text) > EVIDENCE_BYTES,
          },
        }
      : {}),
  };
}

function capped(body: string): string {
  return Buffer.byteLength(body) <= EVIDENCE_BYTES ? body : `${Buffer.from(body).subarray(0, EVIDENCE_BYTES).toString('utf8')}…`;
}

/** A finding when `answer` is not `status`. */
export function statusFinding(answer: ApiAnswer, status: number, why: string): Finding[] {
  return answer.status === status
    ? []
    : [
        {
          message: `${answer.method} answered ${answer.status}, expected ${status} ${why}`,
          rule: `status ${status}`,
          expected: status,
          actual: answer.status,
        },
      ];
}
