/**
 * `consent-token-bound`: a token issued over mutual TLS is bound to the
 * client's certificate (RFC 8705 §3, FAPI 1.0 Advanced 5.2.2-5), so the same
 * token sent over a connection that presents no certificate must be refused
 * with 401 — on a data API that accepted it with the certificate a moment before.
 */
import type * as client from 'openid-client';
import type { FlowContext } from './consent-flow.ts';
import { sendOf } from './consent-flow.ts';
import { callApi, type Send } from './consents-api.ts';
import type { DataProbe } from './data-probes.ts';
import { statusFinding, type FlowOutcome } from './flow-results.ts';

export async function probeTokenBinding(flow: FlowContext, inside: DataProbe | undefined, token: string): Promise<FlowOutcome> {
  if (!flow.options.mtls.cert)
    return { status: 'skipped', message: 'the client presents no certificate (no mtls in the --auth file): no token is bound to one' };
  if (!inside || new URL(inside.url).protocol !== 'https:')
    return {
      status: 'skipped',
      message: inside
        ? 'the data APIs are not served over TLS: no certificate can be presented to them'
        : "no data operation of the run needs only the consent's permissions and a token",
    };
  const withCertificate = await callApi(sendOf(flow.fapi), 'GET', inside.url, token);
  if (withCertificate.status !== 200)
    return {
      status: 'skipped',
      message: `the consent's token was not accepted with the client certificate either (${withCertificate.status})`,
      evidence: withCertificate,
    };
  const withoutCertificate: Send = (url, init) =>
    flow.fapi.browserFetch(url, init as unknown as client.CustomFetchOptions) as Promise<Response>;
  const answer = await callApi(withoutCertificate, 'GET', inside.url, token);
  return {
    findings: statusFinding(answer, 401, 'for a certificate-bound token presented without its certificate'),
    evidence: answer,
  };
}
