/**
 * An independent FAPI-BR receiver for the tests, written only with
 * openid-client and jose (not the runner's code): client keys, a fetch that
 * presents a client certificate from fixtures/tls, discovery, and one
 * authorization (signed request object pushed by PAR, PKCE, JARM) up to the
 * redirect back to the client.
 */
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import type { ClientMetadata } from 'oidc-provider';

const TLS = new URL('./fixtures/tls/', import.meta.url);
export const pem = (name: string): string => readFileSync(new URL(name, TLS), 'utf8');

export const REDIRECT_URI = 'https://receiver.example/callback';
export const CPF = '52998224725';

export interface TestClient {
  clientId: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** What the mock registers (static `--client` metadata). */
  metadata: ClientMetadata;
}

export async function makeClient(clientId: string, extra: Partial<ClientMetadata> = {}): Promise<TestClient> {
  const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'PS256', use: 'sig', kid: `${clientId}-key` };
  return {
    clientId,
    privateKey,
    publicJwk,
    metadata: {
      client_id: clientId,
      client_name: `Receiver ${clientId}`,
      jwks: { keys: [publicJwk] },
      redirect_uris: [REDIRECT_URI],
      ...extra,
    },
  };
}

export type CertName = 'client-a' | 'client-b' | 'rogue';

const agents = new Map<string, Agent>();

/** A fetch that trusts the mock's CA and presents `cert` (or no certificate). */
export function tlsFetch(cert?: CertName): client.CustomFetch {
  const key = cert ?? 'none';
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { ca: pem('ca.crt'), ...(cert ? { cert: pem(`${cert}.crt`), key: pem(`${cert}.key`) } : {}) } });
    agents.set(key, agent);
  }
  const dispatcher = agent;
  return ((url: string, options: client.CustomFetchOptions) =>
    undiciFetch(url, { ...(options as object), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as client.CustomFetch;
}

export async function closeAgents(): Promise<void> {
  await Promise.all([...agents.values()].map((agent) => agent.close()));
  agents.clear();
}

/** openid-client's configuration for a client: discovery over mTLS, private_key_jwt, JARM. */
export async function configure(
  issuer: string,
  testClient: TestClient,
  cert: CertName | undefined = 'client-a',
): Promise<client.Configuration> {
  const customFetch = tlsFetch(cert);
  const config = await client.discovery(
    new URL(issuer),
    testClient.clientId,
    { id_token_signed_response_alg: 'PS256', authorization_signed_response_alg: 'PS256', tls_client_certificate_bound_access_tokens: true },
    client.PrivateKeyJwt(testClient.privateKey, { [client.modifyAssertion]: (header) => void (header.kid = testClient.publicJwk.kid) }),
    { [client.customFetch]: customFetch },
  );
  config[client.customFetch] = customFetch;
  client.useJwtResponseMode(config);
  return config;
}

export interface StartedAuthorization {
  /** Where the mock sent the browser back to (the client's redirect URI with the JARM response). */
  callback: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
}

export interface PushedAuthorization {
  /** The authorize URL with client_id and request_uri, where the browser goes. */
  url: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** PAR with a signed request object and PKCE: the URL to send the browser to. */
export async function pushAuthorization(config: client.Configuration, testClient: TestClient, scope: string): Promise<PushedAuthorization> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const { searchParams } = await client.buildAuthorizationUrlWithJAR(
    config,
    {
      redirect_uri: REDIRECT_URI,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    },
    testClient.privateKey,
    { [client.modifyAssertion]: (header) => void (header.kid = testClient.publicJwk.kid) },
  );
  const url = await client
    .buildAuthorizationUrlWithPAR(config, searchParams)
    .catch((error: { error?: string; error_description?: string }) => {
      throw Object.assign(new Error(`PAR refused: ${error.error}: ${error.error_description}`), { error: error.error });
    });
  return { url, codeVerifier, state, nonce };
}

/** PAR, then the authorize redirect (consent `auto`): the callback URL. */
export async function authorize(config: client.Configuration, testClient: TestClient, scope: string): Promise<StartedAuthorization> {
  const pushed = await pushAuthorization(config, testClient, scope);
  const answer = await browserGet(pushed.url);
  const location = answer.headers.get('location');
  if (answer.status !== 303 || !location) throw new Error(`authorize answered ${answer.status}: ${await answer.text()}`);
  return { callback: new URL(location, pushed.url), codeVerifier: pushed.codeVerifier, state: pushed.state, nonce: pushed.nonce };
}

/** A GET as a browser would make it: no client certificate, redirects not followed. */
export function browserGet(url: URL | string): Promise<Response> {
  return tlsFetch()(String(url), {
    method: 'GET',
    redirect: 'manual',
    headers: {},
  } as unknown as client.CustomFetchOptions) as Promise<Response>;
}

export const INTERACTION_ID = 'd78fc4e5-37ca-4da3-adf2-9b082bf92280';

/** A call to one of the mock's APIs with an access token, over the client's mutual TLS (openid-client's protected-resource request). */
export async function apiCall(
  config: client.Configuration,
  accessToken: string,
  url: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const headers = new Headers({ 'x-fapi-interaction-id': INTERACTION_ID, accept: 'application/json' });
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await client.fetchProtectedResource(
    config,
    accessToken,
    new URL(url),
    method,
    body === undefined ? undefined : JSON.stringify(body),
    headers,
  );
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** An access token for an accounts consent the mock's authorization server approved for `testClient` (the CPF's). */
export async function accountsConsentToken(
  mock: { authorization?: { consents: { create(clientId: string, body: object): Promise<{ consentId: string }> } } },
  config: client.Configuration,
  testClient: TestClient,
): Promise<string> {
  const consent = await mock.authorization!.consents.create(testClient.clientId, {
    permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'],
    loggedUser: { document: { identification: CPF, rel: 'CPF' } },
    expirationDateTime: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  const started = await authorize(config, testClient, `openid accounts resources consent:${consent.consentId}`);
  const tokens = await client.authorizationCodeGrant(config, started.callback, {
    pkceCodeVerifier: started.codeVerifier,
    expectedState: started.state,
    expectedNonce: started.nonce,
    idTokenExpected: true,
  });
  return tokens.access_token;
}
