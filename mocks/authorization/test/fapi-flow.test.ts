/**
 * The whole FAPI-BR journey against the mock served over mutual TLS, by an
 * independent client (openid-client + jose): client_credentials token →
 * consent → PAR (signed request object, PKCE) → authorize (consent auto) →
 * JARM callback → code exchange → introspection shows the consent and the
 * certificate binding → refresh → revocation.
 */
import { X509Certificate } from 'node:crypto';
import * as client from 'openid-client';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../server/start.ts';
import { thumbprintS256 } from '../mtls.ts';
import { REPOSITORY_ROOT } from '../../../specs/catalogue.ts';
import {
  apiCall,
  authorize,
  closeAgents,
  configure,
  CPF,
  INTERACTION_ID,
  makeClient,
  pem,
  tlsFetch,
  type TestClient,
} from './fapi-harness.ts';

let mock: RunningMock;
let receiver: TestClient;
let config: client.Configuration;

beforeAll(async () => {
  receiver = await makeClient('receiver-a');
  mock = await startMock({
    port: 0,
    specs: [
      'ofb-accounts-2.4.1',
      'ofb-financings-2.3.0',
      'ofb-consents-3.3.1',
      `${REPOSITORY_ROOT}/specs/bundled/ofb-resources-3.0.0.yaml`,
    ],
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  });
  config = await configure(`${mock.url}/auth`, receiver);
});

afterAll(async () => {
  await closeAgents();
  await mock?.close();
});

const newConsent = () =>
  mock.authorization!.consents.create('receiver-a', {
    permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
    loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    expirationDateTime: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  });

/** A plain request with a convenience token (every permission), to see the world as it is. */
async function call(path: string): Promise<any> {
  const response = await config[client.customFetch]!(`${mock.url}${path}`, {
    method: 'GET',
    headers: { authorization: 'Bearer plain-token', 'x-fapi-interaction-id': '2f9b5ac0-2f4e-4a38-9a4b-6c1f7a1c3d10' },
    redirect: 'manual',
  } as unknown as client.CustomFetchOptions);
  return response.json();
}

describe('the FAPI-BR journey over mutual TLS with private_key_jwt, PAR, PKCE and JARM', () => {
  it('discovery names the FAPI endpoints under /auth, PS256 only, PAR required, mTLS binding', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(`${mock.url}/auth`);
    expect(metadata.pushed_authorization_request_endpoint).toBe(`${mock.url}/auth/par`);
    expect(metadata.require_pushed_authorization_requests).toBe(true);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt', 'tls_client_auth']);
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(['PS256']);
    expect(metadata.id_token_signing_alg_values_supported).toEqual(['PS256']);
    expect(metadata.tls_client_certificate_bound_access_tokens).toBe(true);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.registration_endpoint).toBe(`${mock.url}/auth/register`);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'accounts', 'consents', 'resources']));
  });

  it('the JWKS publishes the key mockSigningKey() signs with (PS256), and only its public part', async () => {
    const answer = await config[client.customFetch]!(config.serverMetadata().jwks_uri!, {
      method: 'GET',
      headers: {},
      redirect: 'manual',
    } as unknown as client.CustomFetchOptions);
    const { keys } = (await answer.json()) as { keys: Array<Record<string, string>> };
    const signing = mock.authorization!.mockSigningKey();
    const published = keys.find((key) => key.kid === signing.kid);
    expect(published).toMatchObject({ kty: 'RSA', alg: 'PS256', use: 'sig' });
    expect(published).not.toHaveProperty('d');
    const jws = await new CompactSign(new TextEncoder().encode('a signed body'))
      .setProtectedHeader({ alg: 'PS256', kid: signing.kid })
      .sign(signing.privateKey);
    const { payload } = await compactVerify(jws, await importJWK(published!, 'PS256'));
    expect(new TextDecoder().decode(payload)).toBe('a signed body');
  });

  it('the origin answers the same discovery document', async () => {
    const atOrigin = await client
      .discovery(new URL(mock.url), 'receiver-a', undefined, undefined, {
        [client.customFetch]: config[client.customFetch],
        algorithm: 'oidc',
      })
      .catch((error: unknown) => error);
    // openid-client checks that the document's issuer equals the URL it asked: the origin is not the issuer.
    expect(String(atOrigin)).toMatch(/issuer/);
    const answer = await config[client.customFetch]!(`${mock.url}/.well-known/openid-configuration`, {
      method: 'GET',
      headers: {},
      redirect: 'manual',
    } as unknown as client.CustomFetchOptions);
    expect(((await answer.json()) as { issuer: string }).issuer).toBe(`${mock.url}/auth`);
  });

  it('completes: token, consent, PAR, authorize, code, bound tokens, introspection, refresh, revocation', async () => {
    const appToken = await client.clientCredentialsGrant(config, { scope: 'consents' });
    expect(appToken.token_type.toLowerCase()).toBe('bearer');
    expect(appToken.scope).toBe('consents');

    const consent = await newConsent();
    expect(consent.status).toBe('AWAITING_AUTHORISATION');
    const started = await authorize(config, receiver, `openid accounts resources consent:${consent.consentId}`);
    expect(started.callback.origin + started.callback.pathname).toBe('https://receiver.example/callback');
    expect(started.callback.searchParams.has('response')).toBe(true);

    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope?.split(' ').sort()).toEqual(['accounts', `consent:${consent.consentId}`, 'resources']);
    expect(tokens.claims()?.sub).toBe(CPF);

    const authorised = await mock.authorization!.consents.get(consent.consentId);
    expect(authorised?.status).toBe('AUTHORISED');
    // Every account of the world's customer, and nothing the permissions do not cover (its financing contracts).
    const accountIds = (await call('/open-banking/accounts/v2/accounts')).data.map((account: { accountId: string }) => account.accountId);
    expect(authorised?.resources?.map((resource) => resource.id).sort()).toEqual(accountIds.sort());
    expect(new Set(authorised?.resources?.map((resource) => resource.type))).toEqual(new Set(['ACCOUNT']));

    const introspection = await client.tokenIntrospection(config, tokens.access_token);
    const clientA = new X509Certificate(pem('client-a.crt'));
    expect(introspection.active).toBe(true);
    expect(introspection.consent_id).toBe(consent.consentId);
    expect(introspection.client_id).toBe('receiver-a');
    expect(introspection.sub).toBe(CPF);
    expect((introspection.cnf as Record<string, string>)['x5t#S256']).toBe(thumbprintS256(clientA));

    const check = await mock.authorization!.verifyAccessToken(tokens.access_token, clientA);
    expect(check).toMatchObject({ active: true, consentId: consent.consentId, accountId: CPF, clientId: 'receiver-a' });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await client.tokenIntrospection(config, refreshed.access_token)).consent_id).toBe(consent.consentId);

    await client.tokenRevocation(config, refreshed.access_token);
    expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);
    expect((await mock.authorization!.verifyAccessToken(refreshed.access_token, clientA)).active).toBe(false);
  });

  it('revoking the consent ends its tokens and refuses a refresh with invalid_grant', async () => {
    const consent = await newConsent();
    const started = await authorize(config, receiver, `openid accounts consent:${consent.consentId}`);
    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const revoked = await mock.authorization!.consents.revoke(consent.consentId, 'TPP');
    expect(revoked).toMatchObject({ status: 'REJECTED', rejection: { rejectedBy: 'TPP', reason: { code: 'CUSTOMER_MANUALLY_REVOKED' } } });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const refresh = await client.refreshTokenGrant(config, tokens.refresh_token!).catch((error: unknown) => error);
    expect(refresh).toMatchObject({ error: 'invalid_grant' });
  });

  it('a consent is authorised once: a second authorization for it is invalid_scope', async () => {
    const consent = await newConsent();
    await authorize(config, receiver, `openid accounts consent:${consent.consentId}`);
    const again = await authorize(config, receiver, `openid accounts consent:${consent.consentId}`).catch((error: unknown) => error);
    expect(again).toMatchObject({ error: 'invalid_scope' });
  });

  it('a receiver end to end: consents API → authorize → token → only the consented data → DELETE → 401', async () => {
    const consentsUrl = `${mock.url}/open-banking/consents/v3/consents`;
    const appToken = await client.clientCredentialsGrant(config, { scope: 'consents' });
    const expirationDateTime = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const created = await apiCall(config, appToken.access_token, consentsUrl, 'POST', {
      data: {
        loggedUser: { document: { identification: CPF, rel: 'CPF' } },
        permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
        expirationDateTime,
      },
    });
    expect(created.status).toBe(201);
    const consentId = created.body.data.consentId as string;

    const started = await authorize(config, receiver, `openid accounts resources consent:${consentId}`);
    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const read = await apiCall(config, appToken.access_token, `${consentsUrl}/${consentId}`);
    expect(read.body.data.status).toBe('AUTHORISED');

    const accounts = await apiCall(config, tokens.access_token, `${mock.url}/open-banking/accounts/v2/accounts`);
    expect(accounts.status).toBe(200);
    const resources = await apiCall(config, tokens.access_token, `${mock.url}/open-banking/resources/v3/resources`);
    expect(resources.status).toBe(200);
    const sharedIds = resources.body.data.map((resource: { resourceId: string }) => resource.resourceId).sort();
    expect(accounts.body.data.map((account: { accountId: string }) => account.accountId).sort()).toEqual(sharedIds);
    expect(
      resources.body.data.every(
        (resource: { type: string; status: string }) => resource.type === 'ACCOUNT' && resource.status === 'AVAILABLE',
      ),
    ).toBe(true);

    const balances = await apiCall(config, tokens.access_token, `${mock.url}/open-banking/accounts/v2/accounts/${sharedIds[0]}/balances`);
    expect(balances.status).toBe(200);
    // A permission the consent lacks, and a resource it does not share (a financing contract of the same customer).
    const transactions = await apiCall(
      config,
      tokens.access_token,
      `${mock.url}/open-banking/accounts/v2/accounts/${sharedIds[0]}/transactions`,
    );
    expect(transactions.status).toBe(403);
    const contracts = await call('/open-banking/financings/v2/contracts');
    const contract = await apiCall(
      config,
      tokens.access_token,
      `${mock.url}/open-banking/financings/v2/contracts/${contracts.data[0].contractId}`,
    );
    expect(contract.status).toBe(403);
    // The client's own token reads no customer data.
    expect((await apiCall(config, appToken.access_token, `${mock.url}/open-banking/accounts/v2/accounts`)).status).toBe(401);

    const revoked = await apiCall(config, appToken.access_token, `${consentsUrl}/${consentId}`, 'DELETE');
    expect(revoked.status).toBe(204);
    expect((await apiCall(config, appToken.access_token, `${consentsUrl}/${consentId}`)).body.data).toMatchObject({
      status: 'REJECTED',
      rejection: { rejectedBy: 'TPP', reason: { code: 'CUSTOMER_MANUALLY_REVOKED' } },
    });
    expect((await apiCall(config, tokens.access_token, `${mock.url}/open-banking/accounts/v2/accounts`)).status).toBe(401);
  });

  it('another client cannot read or revoke the consent (403), and a token presented without its certificate is 401', async () => {
    const consentsUrl = `${mock.url}/open-banking/consents/v3/consents`;
    const other = await makeClient('receiver-b');
    const register = await config[client.customFetch]!(config.serverMetadata().registration_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...other.metadata, client_id: undefined }),
      redirect: 'manual',
    } as unknown as client.CustomFetchOptions);
    const registered = (await register.json()) as { client_id: string };
    const otherConfig = await configure(`${mock.url}/auth`, { ...other, clientId: registered.client_id });
    const mine = await client.clientCredentialsGrant(config, { scope: 'consents' });
    const theirs = await client.clientCredentialsGrant(otherConfig, { scope: 'consents' });
    const created = await apiCall(config, mine.access_token, consentsUrl, 'POST', {
      data: {
        loggedUser: { document: { identification: CPF, rel: 'CPF' } },
        permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
      },
    });
    const url = `${consentsUrl}/${created.body.data.consentId}`;
    expect((await apiCall(otherConfig, theirs.access_token, url)).status).toBe(403);
    expect((await apiCall(otherConfig, theirs.access_token, url, 'DELETE')).status).toBe(403);
    // The token is bound to client-a's certificate: without it, or with another one, it is not accepted.
    for (const cert of [undefined, 'client-b'] as const) {
      const answer = await tlsFetch(cert)(url, {
        method: 'GET',
        headers: { authorization: `Bearer ${mine.access_token}`, 'x-fapi-interaction-id': INTERACTION_ID },
        redirect: 'manual',
      } as unknown as client.CustomFetchOptions);
      expect(answer.status).toBe(401);
    }
    expect((await apiCall(config, mine.access_token, url)).status).toBe(200);
  });
});
