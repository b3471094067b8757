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
import { authorize, closeAgents, configure, CPF, makeClient, pem, type TestClient } from './fapi-harness.ts';

let mock: RunningMock;
let receiver: TestClient;
let config: client.Configuration;

beforeAll(async () => {
  receiver = await makeClient('receiver-a');
  mock = await startMock({
    port: 0,
    specs: ['ofb-accounts-2.4.1'],
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
    expect(authorised?.resources?.map((resource) => resource.type).sort()).toEqual(['ACCOUNT', 'ACCOUNT']);

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
});
