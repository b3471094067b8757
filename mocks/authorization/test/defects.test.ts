/**
 * The planted defects of fixtures/consent-defects.ts are real: each broken
 * mock shows its one defect to an independent client, where the sound mock
 * (the other tests) does not. The consents suite's tests rely on them.
 */
import { X509Certificate } from 'node:crypto';
import * as client from 'openid-client';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT_DEFECTS, startDefectiveMock } from '../../../fixtures/consent-defects.ts';
import type { MockDefect } from '../../server/options.ts';
import { startMock, type RunningMock, type StartMockOptions } from '../../server/start.ts';
import { thumbprintS256 } from '../mtls.ts';
import { apiCall, authorize, browserGet, closeAgents, configure, CPF, makeClient, pem, REDIRECT_URI, tlsFetch } from './fapi-harness.ts';

let mock: RunningMock | undefined;

afterEach(async () => {
  await closeAgents();
  await mock?.close();
  mock = undefined;
});

const ACCOUNTS = ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'];

/** The broken mock over mutual TLS with one registered receiver, and a client-credentials token for the consents API. */
async function broken(defect: MockDefect | undefined) {
  const receiver = await makeClient('receiver-a');
  const options: StartMockOptions = {
    port: 0,
    specs: ['ofb-accounts-2.4.1', 'ofb-consents-3.3.1'],
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  };
  mock = defect === undefined ? await startMock(options) : await startDefectiveMock(defect, options);
  const config = await configure(`${mock.url}/auth`, receiver);
  const appToken = (await client.clientCredentialsGrant(config, { scope: 'consents' })).access_token;
  const consentsUrl = `${mock.url}/open-banking/consents/v3/consents`;
  const create = (permissions = ACCOUNTS) =>
    apiCall(config, appToken, consentsUrl, 'POST', {
      data: { loggedUser: { document: { identification: CPF, rel: 'CPF' } }, permissions },
    });
  /** A consent created and authorised, with its tokens. */
  const authorised = async () => {
    const consentId = (await create()).body.data.consentId as string;
    const started = await authorize(config, receiver, `openid accounts consent:${consentId}`);
    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    return { consentId, tokens };
  };
  return { mock, receiver, config, appToken, consentsUrl, create, authorised };
}

describe('the planted defects of the consents/authorization behaviour', () => {
  it('lists each defect once, with what is wrong', () => {
    expect(new Set(CONSENT_DEFECTS.map((c) => c.defect)).size).toBe(CONSENT_DEFECTS.length);
    expect(CONSENT_DEFECTS.every((c) => c.wrong.length > 10)).toBe(true);
  });

  it('consent-created-200: POST /consents answers 200', async () => {
    const { create } = await broken('consent-created-200');
    const created = await create();
    expect(created.status).toBe(200);
    expect(created.body.data.status).toBe('AWAITING_AUTHORISATION');
  });

  it('consent-status-frozen: an authorised consent still reads AWAITING_AUTHORISATION', async () => {
    const { authorised, config, appToken, consentsUrl } = await broken('consent-status-frozen');
    const { consentId } = await authorised();
    expect(mock!.authorization!.consents && (await mock!.authorization!.consents.get(consentId))?.status).toBe('AUTHORISED');
    expect((await apiCall(config, appToken, `${consentsUrl}/${consentId}`)).body.data.status).toBe('AWAITING_AUTHORISATION');
  });

  it("revoked-token-accepted: a revoked consent's token still reads accounts", async () => {
    const { authorised, config, appToken, consentsUrl } = await broken('revoked-token-accepted');
    const { consentId, tokens } = await authorised();
    expect((await apiCall(config, appToken, `${consentsUrl}/${consentId}`, 'DELETE')).status).toBe(204);
    expect((await apiCall(config, tokens.access_token, `${mock!.url}/open-banking/accounts/v2/accounts`)).status).toBe(200);
  });

  it('incomplete-groups-accepted: ACCOUNTS_READ alone is created', async () => {
    const { create } = await broken('incomplete-groups-accepted');
    expect((await create(['ACCOUNTS_READ'])).status).toBe(201);
  });

  it.each([
    ['the sound mock refuses', undefined],
    ['pkce-not-enforced accepts and authorises', 'pkce-not-enforced'],
  ] as const)('a pushed request without code_challenge: %s', async (_name, defect) => {
    const { create, config, receiver } = await broken(defect);
    const consentId = (await create()).body.data.consentId as string;
    const { searchParams } = await client.buildAuthorizationUrlWithJAR(
      config,
      { redirect_uri: REDIRECT_URI, scope: `openid accounts consent:${consentId}`, state: 's', nonce: 'n' },
      receiver.privateKey,
      { [client.modifyAssertion]: (header) => void (header.kid = receiver.publicJwk.kid) },
    );
    const pushed = await client.buildAuthorizationUrlWithPAR(config, searchParams).catch((error: unknown) => error);
    if (defect === undefined) {
      expect(pushed).toMatchObject({ error: 'invalid_request' });
      return;
    }
    expect((await browserGet(pushed as URL)).status).toBe(303);
  });

  it('tokens-not-bound: an access token carries no certificate binding and works from another certificate', async () => {
    const { authorised } = await broken('tokens-not-bound');
    const { tokens } = await authorised();
    const clientB = new X509Certificate(pem('client-b.crt'));
    const check = await mock!.authorization!.verifyAccessToken(tokens.access_token, clientB);
    expect(check).toMatchObject({ active: true });
    expect(check.active && check.certificateThumbprint).not.toBe(thumbprintS256(new X509Certificate(pem('client-a.crt'))));
    const answer = await tlsFetch('client-b')(`${mock!.url}/open-banking/accounts/v2/accounts`, {
      method: 'GET',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' },
      redirect: 'manual',
    } as unknown as client.CustomFetchOptions);
    expect(answer.status).toBe(200);
  });
});
