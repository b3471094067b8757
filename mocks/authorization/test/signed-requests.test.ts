/**
 * A signed request body (application/jwt) from a registered client: the mock verifies its signature against that
 * client's JWKS (the client behind the consent-bound token), so a body signed by another key is refused with the
 * payments family's 400 BAD_SIGNATURE, and the signed answer names the client in `aud`. Once the signature verified,
 * the claims are judged: an `aud` of another server, an `iat` an hour old, a missing or reused `jti` answer 403
 * INVALID_CLIENT.
 */
import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import path from 'node:path';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCompactJws, signCompactJws, verifyCompactJws, type PublicJwk } from '../../../specs/jws.ts';
import { startMock, type RunningMock } from '../../server/start.ts';
import {
  accountsConsentToken,
  closeAgents,
  configure,
  INTERACTION_ID,
  makeClient,
  pem,
  tlsFetch,
  type TestClient,
} from './fapi-harness.ts';

const SPEC = path.join(import.meta.dirname, '..', '..', '..', 'suites', 'test', 'fixtures', 'signed-spec.yaml');

let mock: RunningMock;
let receiver: TestClient;
let config: client.Configuration;
let accessToken: string;

beforeAll(async () => {
  receiver = await makeClient('receiver-s');
  mock = await startMock({
    port: 0,
    specs: [SPEC],
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  });
  config = await configure(`${mock.url}/auth`, receiver);
  accessToken = await accountsConsentToken(mock, config, receiver);
}, 30_000);

afterAll(async () => {
  await closeAgents();
  await mock?.close();
});

async function postOrder(jws: string): Promise<{ status: number; text: string }> {
  const headers = new Headers({
    'x-fapi-interaction-id': INTERACTION_ID,
    'content-type': 'application/jwt',
    accept: 'application/jwt, application/json',
  });
  const url = new URL(`${mock.url}/open-banking/signed/v1/orders`);
  const response = await client.fetchProtectedResource(config, accessToken, url, 'POST', jws, headers);
  return { status: response.status, text: await response.text() };
}

/** The claims a client sends beside its payload: this mock as `aud`, the client as `iss`, now, a fresh `jti`. */
function claims(change: Record<string, unknown> = {}): Record<string, unknown> {
  return { aud: mock.url, iss: 'receiver-s', iat: Math.floor(Date.now() / 1000), jti: randomUUID(), ...change };
}

function signedByClient(payload: Record<string, unknown>): string {
  return signCompactJws(KeyObject.from(receiver.privateKey), String(receiver.publicJwk.kid), payload);
}

const ORDER = { data: { amount: '5.00' } };

describe('signed request bodies of a registered client', () => {
  it("are accepted when the client's key signed them, and the answer's aud names the client", async () => {
    const answer = await postOrder(signedByClient({ ...ORDER, ...claims() }));
    expect(answer.status, answer.text).toBe(201);
    const jws = decodeCompactJws(answer.text);
    if ('problem' in jws) throw new Error(jws.problem);
    expect((jws.payload as { aud: unknown }).aud).toBe('receiver-s');
    // The key is the authorization server's: its own JWKS verifies the answer.
    const published = (await (await tlsFetch()(`${mock.url}/auth/jwks`, { method: 'GET' } as never)).json()) as { keys: PublicJwk[] };
    expect(verifyCompactJws(jws, published.keys)).toEqual({});
  });

  it('are refused with 400 BAD_SIGNATURE when another key signed them', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const answer = await postOrder(signCompactJws(other, String(receiver.publicJwk.kid), { ...ORDER, ...claims() }));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('BAD_SIGNATURE');
  });

  it('accept an aud naming a URL on the mock, or an array that names it', async () => {
    expect((await postOrder(signedByClient({ ...ORDER, ...claims({ aud: `${mock.url}/open-banking/signed/v1/orders` }) }))).status).toBe(
      201,
    );
    expect((await postOrder(signedByClient({ ...ORDER, ...claims({ aud: ['https://other.example', mock.url] }) }))).status).toBe(201);
  });
});

describe('the claims of a signed request body', () => {
  it.each([
    [
      'an aud of another server',
      () => ({ aud: 'https://other-bank.example' }),
      /^aud "https:\/\/other-bank\.example" names none of https:/,
    ],
    ['an iat an hour old', () => ({ iat: Math.floor(Date.now() / 1000) - 3600 }), /^iat \d+ is 360\d s before the mock's clock/],
    ['no jti', () => ({ jti: undefined }), /^jti must be a non-empty string/],
    ['no iss', () => ({ iss: '' }), /^iss must be a non-empty string/],
  ])('are refused with 403 INVALID_CLIENT given %s', async (_name, change, message) => {
    const answer = await postOrder(signedByClient({ ...ORDER, ...claims(change()) }));
    expect(answer.status, answer.text).toBe(403);
    const [error] = (JSON.parse(answer.text) as { errors: Array<{ code: string; detail: string }> }).errors;
    expect(error?.code).toBe('INVALID_CLIENT');
    expect(error?.detail.replace("the signed body's claims are not accepted: ", '')).toMatch(message);
  });

  it('are refused with 403 INVALID_CLIENT when a jti comes back: the first use is accepted, the second is not', async () => {
    const jti = randomUUID();
    expect((await postOrder(signedByClient({ ...ORDER, ...claims({ jti }) }))).status).toBe(201);
    const again = await postOrder(signedByClient({ ...ORDER, ...claims({ jti }) }));
    expect(again.status, again.text).toBe(403);
    expect(again.text).toContain('INVALID_CLIENT');
    expect(again.text).toContain('was already used by client receiver-s');
  });
});
