/**
 * The receiver's journey for one consent: client-credentials token → POST
 * consents → PAR (signed request object, PKCE S256) → the customer's
 * approval → code exchange. Each step that fails is an AuthStepError naming
 * it. Every token is handed to `learn` (the run's scrubber) before it is used.
 */
import * as client from 'openid-client';
import type { AuthOptions, ConsentRequest } from './auth-options.ts';
import { AuthStepError, authStepError } from './auth-errors.ts';
import { approve, type ApprovalIo } from './approval.ts';
import { callApi, consentBody, consentIdOf, type ApiAnswer, type Send } from './consents-api.ts';
import type { FapiClient } from './fapi-client.ts';
import { scopesFor } from './scopes.ts';

export interface FlowContext {
  fapi: FapiClient;
  options: AuthOptions;
  /** Where the consents endpoint is (`…/consents`). */
  consentsUrl: string;
  /** Called with every secret the flow obtains, before it is used. */
  learn(secret: string): void;
  io: ApprovalIo;
  now(): Date;
}

export interface GrantedConsent {
  consentId: string;
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
  /** The consent's answer to its creation, for the suite to judge. */
  created: ApiAnswer;
}

export function sendOf(fapi: FapiClient): Send {
  return (url, init) => fapi.fetch(url, init as unknown as client.CustomFetchOptions) as Promise<Response>;
}

/** A token of the client itself (client_credentials, scope `consents`) for the consents API. */
export async function clientToken(ctx: FlowContext): Promise<string> {
  try {
    const tokens = await client.clientCredentialsGrant(ctx.fapi.config, { scope: 'consents' });
    ctx.learn(tokens.access_token);
    return tokens.access_token;
  } catch (error) {
    throw authStepError('client-credentials', error);
  }
}

/** POST consents: the answer, or an AuthStepError when it is not a success with a data.consentId. */
export async function createConsent(ctx: FlowContext, token: string, consent: ConsentRequest = ctx.options.consent): Promise<ApiAnswer> {
  let answer: ApiAnswer;
  try {
    answer = await callApi(sendOf(ctx.fapi), 'POST', ctx.consentsUrl, token, consentBody(consent, ctx.now()));
  } catch (error) {
    throw authStepError('consent-creation', error);
  }
  // Lenient on purpose: any 2xx with an id lets the run go on; consent-create is the check that insists on 201.
  if (answer.status < 200 || answer.status > 299 || !consentIdOf(answer)) {
    const code = (answer.json as { errors?: Array<{ code?: unknown }> } | undefined)?.errors?.[0]?.code;
    throw new AuthStepError(
      'consent-creation',
      `POST ${ctx.consentsUrl} answered ${answer.status}${typeof code === 'string' ? ` (${code})` : ''} without a data.consentId`,
      answer.status === 401 || answer.status === 403 || answer.status === 422 ? 2 : 1,
    );
  }
  return answer;
}

/** PAR + approval + code exchange for a consent that exists. */
export async function authorizeConsent(ctx: FlowContext, consentId: string): Promise<GrantedConsent['tokens']> {
  const { config } = ctx.fapi;
  const scopes = ctx.options.scopes ?? scopesFor(ctx.options.consent.permissions, config.serverMetadata().scopes_supported);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  let url: URL;
  try {
    const { searchParams } = await client.buildAuthorizationUrlWithJAR(
      config,
      {
        redirect_uri: ctx.options.redirectUri,
        scope: ['openid', ...scopes, `consent:${consentId}`].join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      },
      ctx.fapi.signingKey,
      { [client.modifyAssertion]: (header) => void (ctx.fapi.keyId ? (header.kid = ctx.fapi.keyId) : undefined) },
    );
    url = await client.buildAuthorizationUrlWithPAR(config, searchParams);
  } catch (error) {
    throw authStepError('pushed-authorization', error);
  }
  const callback = await approve(url, ctx.options, ctx.fapi.browserFetch, ctx.io);
  try {
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    ctx.learn(tokens.access_token);
    if (tokens.refresh_token) ctx.learn(tokens.refresh_token);
    if (tokens.id_token) ctx.learn(tokens.id_token);
    return tokens;
  } catch (error) {
    // The customer said no, or the page failed: that is the approval's failure, not the exchange's.
    const oauth = (error as { error?: unknown }).error;
    throw authStepError(oauth === 'access_denied' ? 'approval' : 'code-exchange', error);
  }
}

/** The whole journey for the consent of the auth file. */
export async function grantConsent(ctx: FlowContext, token?: string): Promise<GrantedConsent> {
  const created = await createConsent(ctx, token ?? (await clientToken(ctx)));
  const consentId = consentIdOf(created)!;
  const tokens = await authorizeConsent(ctx, consentId);
  return { consentId, tokens, created };
}
