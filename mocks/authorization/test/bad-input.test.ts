/**
 * Every wrong move of a client gets the OAuth error the specs define, from the
 * mock served over mutual TLS: wrong key, expired or replayed assertion,
 * missing, foreign or untrusted certificate, unsigned or unpushed requests,
 * unknown request_uri, redirect URI and PKCE mismatches, a reused code, a
 * consent of another client, a token presented with another certificate.
 */
import { X509Certificate, randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientMetadata } from 'oidc-provider';
import { startMock, type RunningMock } from '../../server/start.ts';
import { thumbprintS256 } from '../mtls.ts';
import {
  authorize,
  browserGet,
  pushAuthorization,
  closeAgents,
  configure,
  CPF,
  makeClient,
  pem,
  REDIRECT_URI,
  tlsFetch,
  type CertName,
  type TestClient,
} from './fapi-harness.ts';

let mock: RunningMock;
let issuer: string;
let receiver: TestClient;
let other: TestClient;
let config: client.Configuration;

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

beforeAll(async () => {
  receiver = await makeClient('receiver-a');
  other = await makeClient('receiver-b');
  const mtlsClient: ClientMetadata = {
    client_id: 'receiver-tls',
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: 'CN=aferir client a,O=aferir',
    redirect_uris: [REDIRECT_URI],
    jwks: receiver.metadata.jwks,
  };
  mock = await startMock({
    port: 0,
    specs: ['ofb-accounts-2.4.1'],
    authorization: { consent: 'auto', clients: [receiver.metadata, other.metadata, mtlsClient] },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  });
  issuer = `${mock.url}/auth`;
  config = await configure(issuer, receiver);
});

afterAll(async () => {
  await closeAgents();
  await mock?.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(path: string, form: Record<string, string>, cert: CertName | 'none' = 'client-a'): Promise<Answer> {
  const response = (await tlsFetch(cert === 'none' ? undefined : cert)(`${issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  } as unknown as client.CustomFetchOptions)) as Response;
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

function assertion(testClient: TestClient, options: { key?: CryptoKey; exp?: number; iat?: number; jti?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'PS256', kid: testClient.publicJwk.kid })
    .setIssuer(testClient.clientId)
    .setSubject(testClient.clientId)
    .setAudience(issuer)
    .setJti(options.jti ?? randomUUID())
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 60)
    .sign(options.key ?? testClient.privateKey);
}

const clientCredentials = async (testClient: TestClient, jwt: string, cert: CertName | 'none' = 'client-a') =>
  post(
    '/token',
    {
      grant_type: 'client_credentials',
      scope: 'consents',
      client_id: testClient.clientId,
      client_assertion_type: JWT_BEARER,
      client_assertion: jwt,
    },
    cert,
  );

const newConsent = (clientId = 'receiver-a') =>
  mock.authorization!.consents.create(clientId, {
    permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
    loggedUser: { document: { identification: CPF, rel: 'CPF' } },
  });

describe('client authentication (private_key_jwt)', () => {
  it('a correct assertion gets a token (the baseline the cases below break)', async () => {
    const answer = await clientCredentials(receiver, await assertion(receiver));
    expect(answer.status).toBe(200);
    expect(answer.body.access_token).toEqual(expect.any(String));
  });

  it('an assertion signed with another key is invalid_client', async () => {
    const { privateKey } = await generateKeyPair('PS256');
    const answer = await clientCredentials(receiver, await assertion(receiver, { key: privateKey }));
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('an expired assertion is invalid_client', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const answer = await clientCredentials(receiver, await assertion(receiver, { iat: past - 60, exp: past }));
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('a replayed assertion is invalid_client the second time', async () => {
    const jwt = await assertion(receiver);
    expect((await clientCredentials(receiver, jwt)).status).toBe(200);
    const replay = await clientCredentials(receiver, jwt);
    expect(replay).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('a token request without a client certificate is refused: tokens must be bound to one', async () => {
    const answer = await clientCredentials(receiver, await assertion(receiver), 'none');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
  });
});

describe('client authentication (tls_client_auth)', () => {
  const tlsToken = (cert: CertName | 'none') =>
    post('/token', { grant_type: 'client_credentials', scope: 'consents', client_id: 'receiver-tls' }, cert);

  it('the registered subject with a certificate of the trusted CA gets a token bound to it', async () => {
    const answer = await tlsToken('client-a');
    expect(answer.status).toBe(200);
    const check = await mock.authorization!.verifyAccessToken(String(answer.body.access_token), new X509Certificate(pem('client-a.crt')));
    expect(check).toMatchObject({ active: true, clientId: 'receiver-tls' });
  });

  it('another subject, an untrusted CA with the right subject, or no certificate: invalid_client', async () => {
    expect(await tlsToken('client-b')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await tlsToken('rogue')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await tlsToken('none')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('authorization requests', () => {
  const par = async (params: Record<string, string>, testClient = receiver) =>
    post('/par', {
      ...params,
      client_id: testClient.clientId,
      client_assertion_type: JWT_BEARER,
      client_assertion: await assertion(testClient),
    });

  it('a request not signed as a request object is refused at PAR', async () => {
    const consent = await newConsent();
    const answer = await par({
      response_type: 'code id_token',
      scope: `openid accounts consent:${consent.consentId}`,
      redirect_uri: REDIRECT_URI,
      nonce: 'n',
      state: 's',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    expect(String(answer.body.error_description)).toMatch(/Request Object/i);
  });

  it('authorize without PAR is refused (PAR is required)', async () => {
    const answer = await browserGet(
      `${issuer}/authorize?client_id=receiver-a&response_type=code%20id_token&scope=openid&nonce=n&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    const error = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
    expect(error.get('error')).toBe('invalid_request');
    expect(error.get('error_description')).toMatch(/pushed authorization request/i);
  });

  it('an unknown request_uri is invalid_request_uri, and so is one used twice', async () => {
    const unknown = await browserGet(
      `${issuer}/authorize?client_id=receiver-a&request_uri=${encodeURIComponent('urn:ietf:params:oauth:request_uri:nope')}`,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_request_uri');
    const consent = await newConsent();
    const pushed = await pushAuthorization(config, receiver, `openid accounts consent:${consent.consentId}`);
    expect((await browserGet(pushed.url)).status).toBe(303);
    const reused = await browserGet(pushed.url);
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('invalid_request_uri');
  });

  it('a redirect URI the client did not register is refused at PAR', async () => {
    const consent = await newConsent();
    const { searchParams } = await client.buildAuthorizationUrlWithJAR(
      config,
      {
        redirect_uri: 'https://attacker.example/cb',
        scope: `openid accounts consent:${consent.consentId}`,
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
        nonce: 'n',
        state: 's',
      },
      receiver.privateKey,
      { [client.modifyAssertion]: (header) => void (header.kid = receiver.publicJwk.kid) },
    );
    const answer = await par(Object.fromEntries(searchParams));
    // RFC 9126 §2.3: PAR reports request errors as invalid_request (oidc-provider remaps invalid_redirect_uri).
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_request');
    expect(String(answer.body.error_description)).toMatch(/redirect_uri/);
  });

  it('a consent of another client, an unknown one, or none at all is invalid_scope', async () => {
    const theirs = await newConsent('receiver-b');
    for (const scope of [`openid accounts consent:${theirs.consentId}`, 'openid accounts consent:urn:aferir:nope', 'openid accounts']) {
      const error = await authorize(config, receiver, scope).catch((e: unknown) => e);
      expect(error, scope).toMatchObject({ error: 'invalid_scope' });
    }
    // Its owner can use it.
    const owner = await configure(issuer, other, 'client-b');
    const started = await authorize(owner, other, `openid accounts consent:${theirs.consentId}`);
    expect(started.callback.searchParams.has('response')).toBe(true);
  });
});

describe('code exchange and token use', () => {
  const codeFor = async () => {
    const consent = await newConsent();
    return authorize(config, receiver, `openid accounts consent:${consent.consentId}`);
  };

  it('a wrong PKCE verifier is invalid_grant', async () => {
    const started = await codeFor();
    const error = await client
      .authorizationCodeGrant(config, started.callback, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: started.state,
        expectedNonce: started.nonce,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant' });
  });

  it('a redirect_uri differing from the authorization request is invalid_grant', async () => {
    const started = await codeFor();
    // openid-client sends the callback URL (without its query) as redirect_uri: change its path.
    const callback = new URL(started.callback);
    callback.pathname = '/other';
    const error = await client
      .authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: started.codeVerifier,
        expectedState: started.state,
        expectedNonce: started.nonce,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant' });
  });

  it('a code used twice is invalid_grant, and the tokens of its first use are revoked', async () => {
    const started = await codeFor();
    const checks = { pkceCodeVerifier: started.codeVerifier, expectedState: started.state, expectedNonce: started.nonce };
    const tokens = await client.authorizationCodeGrant(config, started.callback, checks);
    const error = await client.authorizationCodeGrant(config, started.callback, checks).catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it("a client introspecting or revoking another client's token learns nothing and revokes nothing", async () => {
    const started = await codeFor();
    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const intruder = await configure(issuer, other, 'client-b');
    expect(await client.tokenIntrospection(intruder, tokens.access_token)).toEqual({ active: false });
    await client.tokenRevocation(intruder, tokens.access_token).catch(() => undefined);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
  });

  it('a token presented over another certificate does not match its binding', async () => {
    const started = await codeFor();
    const tokens = await client.authorizationCodeGrant(config, started.callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const clientB = new X509Certificate(pem('client-b.crt'));
    const introspection = await client.tokenIntrospection(config, tokens.access_token);
    expect((introspection.cnf as Record<string, string>)['x5t#S256']).not.toBe(thumbprintS256(clientB));
    expect(await mock.authorization!.verifyAccessToken(tokens.access_token, clientB)).toEqual({
      active: false,
      error: 'invalid_token',
      reason: 'the token is bound to another client certificate',
      cause: 'certificate',
    });
    expect(await mock.authorization!.verifyAccessToken(tokens.access_token)).toMatchObject({ active: false, error: 'invalid_token' });
    expect(await mock.authorization!.verifyAccessToken('not-a-token', clientB)).toMatchObject({ active: false });
  });
});

describe('open Dynamic Client Registration (RFC 7591)', () => {
  it('registers a client with its JWKS and redirect URIs; it can then authenticate', async () => {
    const fresh = await makeClient('ignored');
    const response = (await tlsFetch('client-a')(`${issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jwks: fresh.metadata.jwks, redirect_uris: [REDIRECT_URI], client_name: 'Registered receiver' }),
    } as unknown as client.CustomFetchOptions)) as Response;
    expect(response.status).toBe(201);
    const registered = (await response.json()) as Record<string, unknown>;
    expect(registered).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', tls_client_certificate_bound_access_tokens: true });
    const registeredClient = { ...fresh, clientId: String(registered.client_id) };
    expect((await clientCredentials(registeredClient, await assertion(registeredClient))).status).toBe(200);
  });

  it('metadata without keys is invalid_client_metadata', async () => {
    const response = (await tlsFetch('client-a')(`${issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [REDIRECT_URI] }),
    } as unknown as client.CustomFetchOptions)) as Response;
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client_metadata');
  });
});
