/**
 * The consents suite (`aferir run --auth`): the consent journey judged step
 * by step against the consents spec and the Open Finance rules — discovery,
 * PKCE, create, read back, every documented 422, revocation, a revoked or
 * expired consent's token, the token's binding to the client certificate, a
 * permission outside the consent, the resources API.
 * A step that cannot run (no spec operation to call, a flow step refused)
 * is a skipped result saying why; the run goes on.
 */
import * as ids from '../checks/consents/consent-checks.ts';
import type { FlowRunContext, FlowSuite } from '../engine/flow-suite.ts';
import type { CheckInfo, CheckResult } from '../result-model.ts';
import { checkMetadata } from './metadata-checks.ts';
import { callApi, consentBody, consentIdOf, consentUrl, type ApiAnswer } from './consents-api.ts';
import { clientToken, sendOf } from './consent-flow.ts';
import { createFindings, readBackFindings, revokeJourney, type ConsentsSuiteInput } from './consent-journey.ts';
import { operationLabel, schemaFindings, SHAPES } from './consent-schema.ts';
import { idsFrom, inConsentProbe, outsideConsentProbe } from './data-probes.ts';
import { documented422Codes, INVALID_CONSENTS } from './invalid-consents.ts';
import { flowResult, statusFinding, type FlowOutcome } from './flow-results.ts';
import { probePkce } from './pkce-probe.ts';
import { resourceFindings } from './resources-check.ts';
import { probeTokenBinding } from './token-binding.ts';
import { probeExpiry } from './expiry-probe.ts';

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

  if (on(ids.CONSENT_EXPIRED_TOKEN))
    report(ids.CONSENT_EXPIRED_TOKEN, inside?.operation.id ?? 'data API', await probeExpiry(flow, input.clock, appToken, inside));

  if (on(ids.CONSENT_TOKEN_BOUND))
    report(ids.CONSENT_TOKEN_BOUND, inside?.operation.id ?? 'data API', await probeTokenBinding(flow, inside, input.main.token()));

  if (on(ids.CONSENT_REVOKE) || on(ids.CONSENT_REVOKED_TOKEN)) await revokeJourney(input, ctx, { appToken, label, report, inside });
  return results;
}
