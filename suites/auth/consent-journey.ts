/**
 * What the consents suite makes of the answers it gets: the creation, the
 * read-back, and the journey of a second consent through authorisation,
 * use and revocation (consent-revoke and consent-revoked-token-refused).
 */
import * as client from 'openid-client';
import type { LoadedSpec } from '../../specs/types.ts';
import * as ids from '../checks/consents/consent-checks.ts';
import type { FlowRunContext } from '../engine/flow-suite.ts';
import type { CheckInfo, Finding } from '../result-model.ts';
import { AuthStepError } from './auth-errors.ts';
import { authorizeConsent, createConsent, sendOf, type FlowContext } from './consent-flow.ts';
import { schemaFindings, SHAPES } from './consent-schema.ts';
import { callApi, consentIdOf, consentUrl, type ApiAnswer } from './consents-api.ts';
import type { DataProbe } from './data-probes.ts';
import type { InstitutionClock } from './expiry-probe.ts';
import { statusFinding, type FlowOutcome } from './flow-results.ts';

export function createFindings(spec: LoadedSpec | undefined, answer: ApiAnswer): Finding[] {
  const findings = statusFinding(answer, 201, 'for a valid consent');
  if (answer.status !== 201) return findings;
  const data = (answer.json as { data?: { status?: unknown; consentId?: unknown } } | undefined)?.data;
  if (data?.status !== 'AWAITING_AUTHORISATION')
    findings.push({
      message: `a new consent is ${String(data?.status)}, not AWAITING_AUTHORISATION`,
      path: '$.data.status',
      expected: 'AWAITING_AUTHORISATION',
      actual: data?.status,
    });
  if (typeof data?.consentId !== 'string' || !/^urn:[a-zA-Z0-9][a-zA-Z0-9-]{0,31}:\S+$/.test(data.consentId))
    findings.push({ message: 'data.consentId is not a URN', path: '$.data.consentId', rule: 'urn', actual: data?.consentId });
  return [...findings, ...schemaFindings(spec, SHAPES.create, answer)];
}

export function readBackFindings(spec: LoadedSpec | undefined, created: ApiAnswer, read: ApiAnswer): Finding[] {
  const findings = statusFinding(read, 200, 'for a consent just created');
  if (read.status !== 200) return findings;
  type Data = { consentId?: unknown; status?: unknown; permissions?: unknown; expirationDateTime?: unknown };
  const before = (created.json as { data?: Data }).data ?? {};
  const after = (read.json as { data?: Data } | undefined)?.data ?? {};
  const sorted = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort().join(',') : String(value));
  for (const field of ['consentId', 'status', 'expirationDateTime'] as const)
    if (after[field] !== before[field])
      findings.push({
        message: `data.${field} reads back as ${String(after[field])}, created as ${String(before[field])}`,
        path: `$.data.${field}`,
        expected: before[field],
        actual: after[field],
      });
  if (sorted(after.permissions) !== sorted(before.permissions))
    findings.push({
      message: 'data.permissions read back differ from the ones created',
      path: '$.data.permissions',
      expected: before.permissions,
      actual: after.permissions,
    });
  return [...findings, ...schemaFindings(spec, SHAPES.read, read)];
}

/** What the consents suite is given. */
export interface ConsentsSuiteInput {
  flow: FlowContext;
  /** The consent the data suites run on, and its current token. */
  main: { consentId: string; token: () => string };
  resourcesUrl?: string;
  /** The consents spec (schemas, 422 codes, operation ids). Default: none (structure-free checks only). */
  consentsSpec?: LoadedSpec;
  /** The institution's consents clock, when the run controls it (the demo's mock). Default: none (consent-expired-token-refused is skipped). */
  clock?: InstitutionClock;
}

export interface JourneyTools {
  appToken: string;
  label: Record<'revoke' | 'read', string>;
  report: (info: CheckInfo, operation: string, outcome: FlowOutcome) => void;
  inside: DataProbe | undefined;
}

/** A second consent, authorised, used, revoked: the revocation and what its token is worth afterwards. */
export async function revokeJourney(input: ConsentsSuiteInput, ctx: FlowRunContext, tools: JourneyTools): Promise<void> {
  const { flow } = input;
  const send = sendOf(flow.fapi);
  const skipBoth = (message: string) => {
    if (ctx.selected(ids.CONSENT_REVOKE.id)) tools.report(ids.CONSENT_REVOKE, tools.label.revoke, { status: 'skipped', message });
    if (ctx.selected(ids.CONSENT_REVOKED_TOKEN.id)) tools.report(ids.CONSENT_REVOKED_TOKEN, 'data API', { status: 'skipped', message });
  };
  let consentId: string;
  let token: string;
  try {
    consentId = consentIdOf(await createConsent(flow, tools.appToken))!;
    token = (await authorizeConsent(flow, consentId)).access_token;
  } catch (error) {
    skipBoth(`a second consent to revoke could not be granted: ${error instanceof AuthStepError ? error.message : String(error)}`);
    return;
  }
  const before = tools.inside ? await callApi(send, 'GET', tools.inside.url, token) : undefined;
  const revoked = await callApi(send, 'DELETE', consentUrl(flow.consentsUrl, consentId), tools.appToken);
  if (ctx.selected(ids.CONSENT_REVOKE.id)) {
    const findings = statusFinding(revoked, 204, 'for revoking an authorised consent');
    const read = await callApi(send, 'GET', consentUrl(flow.consentsUrl, consentId), tools.appToken);
    const data = (
      read.json as { data?: { status?: unknown; rejection?: { rejectedBy?: unknown; reason?: { code?: unknown } } } } | undefined
    )?.data;
    if (data?.status !== 'REJECTED')
      findings.push({
        message: `the revoked consent reads back ${String(data?.status)}, not REJECTED`,
        path: '$.data.status',
        expected: 'REJECTED',
        actual: data?.status,
      });
    else {
      const by = data.rejection?.rejectedBy;
      if (by !== 'USER' && by !== 'TPP')
        findings.push({
          message: `rejection.rejectedBy is ${String(by)}; a revocation through the API is USER or TPP`,
          path: '$.data.rejection.rejectedBy',
          actual: by,
        });
      if (data.rejection?.reason?.code !== 'CUSTOMER_MANUALLY_REVOKED')
        findings.push({
          message: `rejection.reason.code is ${String(data.rejection?.reason?.code)}, not CUSTOMER_MANUALLY_REVOKED`,
          path: '$.data.rejection.reason.code',
          expected: 'CUSTOMER_MANUALLY_REVOKED',
          actual: data.rejection?.reason?.code,
        });
    }
    const all = [...findings, ...schemaFindings(input.consentsSpec, SHAPES.read, read)];
    tools.report(ids.CONSENT_REVOKE, tools.label.revoke, {
      findings: all,
      evidence: revoked.status === 204 ? read : revoked,
      ...(all.length === 0
        ? { message: `DELETE → 204; the consent reads back REJECTED by ${String(data?.rejection?.rejectedBy)} (CUSTOMER_MANUALLY_REVOKED)` }
        : {}),
    });
  }
  if (ctx.selected(ids.CONSENT_REVOKED_TOKEN.id)) {
    if (!tools.inside || !before)
      tools.report(ids.CONSENT_REVOKED_TOKEN, 'data API', {
        status: 'skipped',
        message: "no data operation of the run needs only the consent's permissions and a token",
      });
    else if (before.status !== 200)
      tools.report(ids.CONSENT_REVOKED_TOKEN, tools.inside.operation.id, {
        status: 'skipped',
        message: `the consent's token was not accepted before revocation either (${before.status})`,
        evidence: before,
      });
    else {
      const after = await callApi(send, 'GET', tools.inside.url, token);
      tools.report(ids.CONSENT_REVOKED_TOKEN, tools.inside.operation.id, {
        findings: statusFinding(after, 401, 'for the token of a revoked consent'),
        evidence: after,
      });
    }
  }
  // The suite's own consent's tokens end here; the server may already have ended them.
  await client.tokenRevocation(flow.fapi.config, token).catch(() => undefined);
}
