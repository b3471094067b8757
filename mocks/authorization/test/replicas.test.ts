/**
 * Two mock replicas behind one public URL sharing one real redis-server
 * (`--state redis://…`): a consent created on one is authorised through the
 * other, its code exchanged there, its tokens work on both, and revocation on
 * one is seen by the other. The "load balancer" is the client choosing which
 * replica's port each endpoint URL points at.
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import * as client from 'openid-client';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../server/start.ts';
import { REDIS_SERVER, REDIS_SKIP_REASON, startRedis, type TestRedis } from '../../state/test/redis-server.ts';
import {
  apiCall,
  authorize,
  browserGet,
  closeAgents,
  CPF,
  makeClient,
  pem,
  pushAuthorization,
  tlsFetch,
  type TestClient,
} from './fapi-harness.ts';

const PUBLIC_URL = 'https://mock.aferir.test';
const ISSUER = `${PUBLIC_URL}/auth`;

describe.skipIf(!REDIS_SERVER)(`two mock replicas sharing one redis-server${REDIS_SKIP_REASON}`, () => {
  let redis: TestRedis;
  let a: RunningMock;
  let b: RunningMock;
  let receiver: TestClient;
  let viaA: client.Configuration;
  let viaB: client.Configuration;
  const certA = new X509Certificate(pem('client-a.crt'));

  beforeAll(async () => {
    redis = await startRedis();
    receiver = await makeClient('receiver-a');
    const options = {
      port: 0,
      specs: ['ofb-accounts-2.4.1', 'ofb-consents-3.3.1'],
      authorization: { consent: 'auto' as const, clients: [receiver.metadata], state: `${redis.url}/0`, publicUrl: PUBLIC_URL },
      tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
    };
    [a, b] = await Promise.all([startMock(options), startMock(options)]);
    viaA = await configurationAt(a);
    viaB = await configurationAt(b);
  });

  afterAll(async () => {
    await closeAgents();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  /** The discovery document of one replica, with its endpoints sent to that replica's port (what a load balancer would do). */
  async function configurationAt(mock: RunningMock): Promise<client.Configuration> {
    const response = (await tlsFetch('client-a')(`${mock.url}/auth/.well-known/openid-configuration`, {
      method: 'GET',
      headers: {},
    } as unknown as client.CustomFetchOptions)) as Response;
    // Every URL but the issuer points at this replica.
    const metadata = { ...(JSON.parse((await response.text()).replaceAll(PUBLIC_URL, mock.url)) as client.ServerMetadata), issuer: ISSUER };
    const config = new client.Configuration(
      metadata,
      receiver.clientId,
      { id_token_signed_response_alg: 'PS256', authorization_signed_response_alg: 'PS256' },
      client.PrivateKeyJwt(receiver.privateKey, { [client.modifyAssertion]: (header) => void (header.kid = receiver.publicJwk.kid) }),
    );
    config[client.customFetch] = tlsFetch('client-a');
    client.useJwtResponseMode(config);
    return config;
  }

  const onB = (url: URL) => new URL(url.href.replace(a.url, b.url));

  it('both replicas publish the same issuer and sign with the same key', () => {
    expect(viaA.serverMetadata().issuer).toBe(ISSUER);
    expect(a.authorization!.issuer).toBe(ISSUER);
    expect(b.authorization!.issuer).toBe(ISSUER);
    expect(a.authorization!.mockSigningKey().kid).toBe(b.authorization!.mockSigningKey().kid);
  });

  it('created on A, authorised and exchanged on B; tokens work on both; revocation on one is seen by the other', async () => {
    const consent = await a.authorization!.consents.create('receiver-a', {
      permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    });
    expect((await b.authorization!.consents.get(consent.consentId))?.status).toBe('AWAITING_AUTHORISATION');

    // PAR on A, the browser sent to B.
    const pushed = await pushAuthorization(viaA, receiver, `openid accounts consent:${consent.consentId}`);
    const answer = await browserGet(onB(pushed.url));
    expect(answer.status).toBe(303);
    const callback = new URL(answer.headers.get('location')!);
    expect((await a.authorization!.consents.get(consent.consentId))?.status).toBe('AUTHORISED');

    const tokens = await client.authorizationCodeGrant(viaB, callback, {
      pkceCodeVerifier: pushed.codeVerifier,
      expectedState: pushed.state,
      expectedNonce: pushed.nonce,
    });
    for (const [name, config] of [
      ['A', viaA],
      ['B', viaB],
    ] as const) {
      const introspection = await client.tokenIntrospection(config, tokens.access_token);
      expect(introspection.active, name).toBe(true);
      expect(introspection.consent_id, name).toBe(consent.consentId);
    }
    expect(await a.authorization!.verifyAccessToken(tokens.access_token, certA)).toMatchObject({ active: true });
    expect(await b.authorization!.verifyAccessToken(tokens.access_token, certA)).toMatchObject({ active: true });

    // Refresh on A, revoke that token on B: A sees it gone.
    const refreshed = await client.refreshTokenGrant(viaA, tokens.refresh_token!);
    await client.tokenRevocation(viaB, refreshed.access_token);
    expect((await client.tokenIntrospection(viaA, refreshed.access_token)).active).toBe(false);

    // The consent revoked through A: every token of it stops working on B.
    await a.authorization!.consents.revoke(consent.consentId, 'TPP');
    expect((await b.authorization!.consents.get(consent.consentId))?.status).toBe('REJECTED');
    expect((await client.tokenIntrospection(viaB, tokens.access_token)).active).toBe(false);
    expect(await b.authorization!.verifyAccessToken(tokens.access_token, certA)).toMatchObject({ active: false });
    const refresh = await client.refreshTokenGrant(viaB, tokens.refresh_token!).catch((e: unknown) => e);
    expect(refresh).toMatchObject({ error: 'invalid_grant' });
  });

  it('through the APIs: consent created with POST on A, authorised on B, data read on both, DELETE on B → 401 on A', async () => {
    const appToken = await client.clientCredentialsGrant(viaA, { scope: 'consents' });
    const consents = (mock: RunningMock) => `${mock.url}/open-banking/consents/v3/consents`;
    const created = await apiCall(viaA, appToken.access_token, consents(a), 'POST', {
      data: {
        loggedUser: { document: { identification: CPF, rel: 'CPF' } },
        permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'],
      },
    });
    expect(created.status).toBe(201);
    const consentId = created.body.data.consentId as string;
    expect((await apiCall(viaB, appToken.access_token, `${consents(b)}/${consentId}`)).body.data.status).toBe('AWAITING_AUTHORISATION');

    const pushed = await pushAuthorization(viaB, receiver, `openid accounts consent:${consentId}`);
    const answer = await browserGet(pushed.url);
    const tokens = await client.authorizationCodeGrant(viaB, new URL(answer.headers.get('location')!), {
      pkceCodeVerifier: pushed.codeVerifier,
      expectedState: pushed.state,
      expectedNonce: pushed.nonce,
    });
    expect((await apiCall(viaA, appToken.access_token, `${consents(a)}/${consentId}`)).body.data.status).toBe('AUTHORISED');
    const accounts = (mock: RunningMock) => `${mock.url}/open-banking/accounts/v2/accounts`;
    const onA = await apiCall(viaA, tokens.access_token, accounts(a));
    const onB2 = await apiCall(viaB, tokens.access_token, accounts(b));
    expect(onA.status).toBe(200);
    expect(onB2.body.data).toEqual(onA.body.data);

    expect((await apiCall(viaB, appToken.access_token, `${consents(b)}/${consentId}`, 'DELETE')).status).toBe(204);
    expect((await apiCall(viaA, tokens.access_token, accounts(a))).status).toBe(401);
    expect((await apiCall(viaA, appToken.access_token, `${consents(a)}/${consentId}`)).body.data.status).toBe('REJECTED');
  });

  it('a client assertion used on A is refused as a replay on B', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'PS256', kid: receiver.publicJwk.kid })
      .setIssuer(receiver.clientId)
      .setSubject(receiver.clientId)
      .setAudience(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(receiver.privateKey);
    const token = async (mock: RunningMock) => {
      const response = (await tlsFetch('client-a')(`${mock.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: 'consents',
          client_id: receiver.clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: jwt,
        }).toString(),
      } as unknown as client.CustomFetchOptions)) as Response;
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await token(a)).status).toBe(200);
    expect(await token(b)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('a code exchanged on both replicas at once is issued once', async () => {
    const consent = await a.authorization!.consents.create('receiver-a', {
      permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
      loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    });
    const started = await authorize(viaA, receiver, `openid accounts consent:${consent.consentId}`);
    const checks = { pkceCodeVerifier: started.codeVerifier, expectedState: started.state, expectedNonce: started.nonce };
    const results = await Promise.allSettled([
      client.authorizationCodeGrant(viaA, started.callback, checks),
      client.authorizationCodeGrant(viaB, started.callback, checks),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { error: 'invalid_grant' } });
  });
});
