/**
 * `authorization-pkce-enforced`: a pushed authorization request that is valid
 * in every way but its missing code_challenge must be refused. The request
 * names a consent awaiting authorisation, so a refusal can only be about PKCE
 * (the rest of the same request is what the flow itself sends successfully).
 */
import * as client from 'openid-client';
import type { Finding } from '../result-model.ts';
import type { FlowContext } from './consent-flow.ts';
import type { FlowOutcome } from './flow-results.ts';
import { scopesFor } from './scopes.ts';

export async function probePkce(flow: FlowContext, consentId: string): Promise<FlowOutcome> {
  const { config } = flow.fapi;
  const scopes = flow.options.scopes ?? scopesFor(flow.options.consent.permissions, config.serverMetadata().scopes_supported);
  try {
    const { searchParams } = await client.buildAuthorizationUrlWithJAR(
      config,
      {
        redirect_uri: flow.options.redirectUri,
        scope: ['openid', ...scopes, `consent:${consentId}`].join(' '),
        state: client.randomState(),
        nonce: client.randomNonce(),
      },
      flow.fapi.signingKey,
      { [client.modifyAssertion]: (header) => void (flow.fapi.keyId ? (header.kid = flow.fapi.keyId) : undefined) },
    );
    await client.buildAuthorizationUrlWithPAR(config, searchParams);
  } catch (error) {
    const oauth = error as { error?: unknown; error_description?: unknown };
    if (typeof oauth.error === 'string')
      return {
        message: `refused with ${oauth.error}${typeof oauth.error_description === 'string' ? ` (${oauth.error_description})` : ''}`,
      };
    return { status: 'skipped', message: `the pushed authorization request could not be sent: ${(error as Error).message}` };
  }
  const finding: Finding = {
    message: 'the PAR endpoint accepted a request without code_challenge (PKCE is not enforced)',
    rule: 'FAPI 1.0 Advanced 5.2.2-18: PKCE S256 required',
  };
  return { findings: [finding] };
}
