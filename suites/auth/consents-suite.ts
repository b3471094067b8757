/**
 * The consents suite (`aferir run --auth`): the consent journey judged step
 * by step against the consents spec and the Open Finance rules — discovery,
 * PKCE, create, read back, every documented 422, revocation, a revoked
 * consent's token, a permission outside the consent, the resources API.
 * A step that cannot run (no spec operation to call, a flow step refused)
 * is a skipped result saying why; the run goes on.
 */
import * as client from 'openid-client';
import type { LoadedSpec } from '../../specs/types.ts';
import * as ids from '../checks/consents/consent-checks.ts';
import type { FlowRunContext, FlowSuite } from '../engine/flow-suite.ts';
import type { CheckInfo, CheckResult } from '../result-model.ts';
import { AuthStepError } from './auth-errors.ts';
import { checkMetadata } from './metadata-checks.ts';
import { callApi, consentBody, consentIdOf, consentUrl, type ApiAnswer } from './consents-api.ts';
import { authorizeConsent, clientToken, createConsent, sendOf, type FlowContext } from './consent-flow.ts';
import { operationLabel, schemaFindings, SHAPES } from './consent-schema.ts';
import { idsFrom, inConsentProbe, outsideConsentProbe } from './data-probes.ts';
import { documented422Codes, INVALID_CONSENTS } from './invalid-consents.ts';
import { flowResult, statusFinding, type FlowOutcome } from './flow-results.ts';
import { probePkce } from './pkce-probe.ts';
import { resourceFindings } from './resources-check.ts';

export interface ConsentsSuiteInput {
  flow: FlowContext;
  /** The consent the data suites run on, and its current token. */
  main: { consentId: string; token: () => string };
  resourcesUrl?: string;
  /** The consents spec (schemas, 422 codes, operation ids). Default: none (structure-free checks only). */
  consentsSpec?: LoadedSpec;
}

export function consentsSuite(input: ConsentsSuiteInput): FlowSuite {
  return { name: 'consents', checks: ids.CONSENT_CHECKS, run: (ctx) => runConsentsSuite(input, ctx) };
}

async function runConsentsSuite(input: ConsentsSuiteInput, ctx: FlowRunContext): Promise<CheckResult[]> {
  const { flow, consentsSpec: spec } = input;
  const specId = spec?.id ?? 'consents';
  const results: CheckResult[] = [];
  const report = (info: CheckInfo, operation: string, outcome: FlowOutcome, variant?: string) =>
    void results.push(flowResult(ctx.redactor, specId, info, operation, outcome, variant));
  const skipped = (message: string): FlowOutcome => ({ status: 'skipped', message });
  const send = sendOf(flow.fapi);
  const label = {
    create: operationLabel(spec, SHAPES.create, 'POST /consents'),
    read: operationLabel(spec, SHAPES.read, 'GET /consents/{consentId}'),
    revoke: operationLabel(spec, SHAPES.revoke, 'DELETE /consents/{consentId}'),
    resources: operationLabel(spec, SHAPES.resources, 'GET /resources'),
  };
  const on = (info: CheckInfo) => ctx.selected(info.id) && !ctx.signal?.aborted;

  if (on(ids.AUTHORIZATION_METADATA))
    report(ids.AUTHORIZATION_METADATA, 'discovery', { findings: checkMetadata(flow.fapi.config.serverMetadata()) });

  let appToken: string;
  try {
    appToken = await clientToken(flow);
  } catch (error) {
    ctx.warn(`the consents suite did not run: ${(error as Error).message}`);
    return results;
  }

  // consent-create, read-back and the PKCE probe share one consent that stays AWAITING_AUTHORISATION.
  let created: ApiAnswer | undefined;
  if (on(ids.CONSENT_CREATE) || on(ids.CONSENT_READ_BACK) || on(ids.AUTHORIZATION_PKCE_ENFORCED)) {
    created = await callApi(send, 'POST', flow.consentsUrl, appToken, consentBody(flow.options.consent, flow.now()));
    if (on(ids.CONSENT_CREATE)) report(ids.CONSENT_CREATE, label.create, { findings: createFindings(spec, created), evidence: created });
  }
  // Any success with an id will do here: consent-create alone judges the status.
  const awaitingId = created && created.status >= 200 && created.status < 300 ? consentIdOf(created) : undefined;
  if (on(ids.CONSENT_READ_BACK)) {
    if (!awaitingId) report(ids.CONSENT_READ_BACK, label.read, skipped('no consent was created to read back (see consent-create)'));
    else {
      const read = await callApi(send, 'GET', consentUrl(flow.consentsUrl, awaitingId), appToken);
      report(ids.CONSENT_READ_BACK, label.read, { findings: readBackFindings(spec, created!, read), evidence: read });
    }
  }
  if (on(ids.AUTHORIZATION_PKCE_ENFORCED)) {
    if (!awaitingId) report(ids.AUTHORIZATION_PKCE_ENFORCED, 'pushed authorization', skipped('no consent to authorize was created'));
    else report(ids.AUTHORIZATION_PKCE_ENFORCED, 'pushed authorization', await probePkce(flow, awaitingId));
  }

  if (on(ids.CONSENT_INVALID_REJECTED)) {
    const documented = documented422Codes(spec, spec ? operationLabel(spec, SHAPES.create, '') : undefined);
    for (const invalid of INVALID_CONSENTS.filter((c) => !documented || documented.includes(c.code))) {
      const answer = await callApi(send, 'POST', flow.consentsUrl, appToken, invalid.body(flow.options.consent, flow.now()));
      const codes = ((answer.json as { errors?: Array<{ code?: unknown }> } | undefined)?.errors ?? []).map((e) => e.code);
      const findings = statusFinding(answer, 422, `for ${invalid.description}`);
      if (answer.status === 422 && !codes.includes(invalid.code))
        findings.push({
          message: `the 422 does not carry the code ${invalid.code} (codes: ${codes.join(', ') || 'none'})`,
          path: '$.errors[*].code',
          expected: invalid.code,
          actual: codes,
        });
      findings.push(...(answer.status === 422 ? schemaFindings(spec, SHAPES.create, answer) : []));
      report(ids.CONSENT_INVALID_REJECTED, label.create, { findings, evidence: answer }, invalid.code);
      // A consent wrongly created is withdrawn again, so it leaves nothing behind at the institution.
      const wronglyCreated = answer.status === 201 ? consentIdOf(answer) : undefined;
      if (wronglyCreated) await callApi(send, 'DELETE', consentUrl(flow.consentsUrl, wronglyCreated), appToken).catch(() => undefined);
    }
  }

  const granted = flow.options.consent.permissions;
  const inside = inConsentProbe(ctx.specs, ctx.targets, granted);
  if (on(ids.CONSENT_RESOURCES_LISTED)) {
    if (!input.resourcesUrl)
      report(
        ids.CONSENT_RESOURCES_LISTED,
        label.resources,
        skipped('no resources endpoint: give resources-url in the --auth file or a resources spec'),
      );
    else if (!granted.includes('RESOURCES_READ'))
      report(ids.CONSENT_RESOURCES_LISTED, label.resources, skipped('the consent does not ask for RESOURCES_READ'));
    else {
      const answer = await callApi(send, 'GET', input.resourcesUrl, input.main.token());
      const findings = [
        ...statusFinding(answer, 200, "with the consent's token"),
        ...(answer.status === 200 ? [...schemaFindings(spec, SHAPES.resources, answer), ...resourceFindings(answer.json, granted)] : []),
      ];
      report(ids.CONSENT_RESOURCES_LISTED, label.resources, { findings, evidence: answer });
    }
  }

  if (on(ids.CONSENT_PERMISSION_ENFORCED)) {
    const sample = inside ? await callApi(send, 'GET', inside.url, input.main.token()) : undefined;
    const outside = outsideConsentProbe(ctx.specs, ctx.targets, granted, sample?.status === 200 ? idsFrom(sample.json) : {});
    if (!outside)
      report(
        ids.CONSENT_PERMISSION_ENFORCED,
        'data API',
        skipped(
          'every callable data operation of the run is inside the consent; leave a permission group out of consent.permissions to test 403',
        ),
      );
    else {
      const answer = await callApi(send, 'GET', outside.url, input.main.token());
      report(ids.CONSENT_PERMISSION_ENFORCED, outside.operation.id, {
        findings: statusFinding(answer, 403, `for ${outside.operation.permissions.join(' or ')}, which the consent lacks`),
        evidence: answer,
      });
    }
  }

  if (on(ids.CONSENT_REVOKE) || on(ids.CONSENT_REVOKED_TOKEN)) await revokeJourney(input, ctx, { appToken, label, report, inside });
  return results;
}

function createFindings(spec: LoadedSpec | undefined, answer: ApiAnswer) {
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

function readBackFindings(spec: LoadedSpec | undefined, created: ApiAnswer, read: ApiAnswer) {
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

interface JourneyTools {
  appToken: string;
  label: Record<'revoke' | 'read', string>;
  report: (info: CheckInfo, operation: string, outcome: FlowOutcome) => void;
  inside: ReturnType<typeof inConsentProbe>;
}

/** A second consent, authorised, used, revoked: the revocation and what its token is worth afterwards. */
async function revokeJourney(input: ConsentsSuiteInput, ctx: FlowRunContext, tools: JourneyTools): Promise<void> {
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
    tools.report(ids.CONSENT_REVOKE, tools.label.revoke, {
      findings: [...findings, ...schemaFindings(input.consentsSpec, SHAPES.read, read)],
      evidence: revoked.status === 204 ? read : revoked,
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
