/**
 * The mock's signed bodies (application/jwt): where the spec documents a body only as a JWS, the answer is a compact
 * JWS signed PS256 by the mock's key, published at /_aferir/jwks, whose payload is the schema-valid body plus aud,
 * iss, iat and jti; a signed request body is read as a JWS (JSON → 415, not a JWS → 400 BAD_SIGNATURE, a payload
 * that breaks the schema → 400), and the created order is then served, signed, by its detail route.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCompactJws, signCompactJws, verifyCompactJws, type PublicJwk } from '../../../specs/jws.ts';
import { loadSpec } from '../../../specs/load.ts';
import { generateKeyPairSync } from 'node:crypto';
import { startMock, type RunningMock } from '../start.ts';

const SPEC = path.join(import.meta.dirname, '..', '..', '..', 'suites', 'test', 'fixtures', 'signed-spec.yaml');
const NOW = new Date('2026-05-10T12:00:00Z');
const CLIENT_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

let mock: RunningMock;
let base: string;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1', loaded: [await loadSpec(SPEC)], now: NOW, quiet: true });
  base = mock.apis[0]!.url;
});
afterAll(() => mock?.close());

async function post(body: string, contentType: string): Promise<Response> {
  return fetch(`${base}/orders`, { method: 'POST', headers: { 'content-type': contentType, authorization: 'Bearer any' }, body });
}

async function mockKeys(): Promise<PublicJwk[]> {
  const jwks = (await (await fetch(`${mock.url}/_aferir/jwks`)).json()) as { keys: PublicJwk[] };
  expect(
    jwks.keys.some((key) => 'd' in key),
    'no private member is published',
  ).toBe(false);
  return jwks.keys;
}

describe('signed bodies in the mock', () => {
  it('creates from a signed body and answers with a JWS its JWKS verifies, carrying the claims of signed messages', async () => {
    const response = await post(signCompactJws(CLIENT_KEY, 'client-1', { data: { amount: '12.34' } }), 'application/jwt');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/jwt');
    const jws = decodeCompactJws(await response.text());
    if ('problem' in jws) throw new Error(jws.problem);
    expect(verifyCompactJws(jws, await mockKeys())).toEqual({});
    const payload = jws.payload as { data: { orderId: string; amount: string }; aud: unknown; iss: unknown; iat: unknown; jti: unknown };
    expect(payload.data.amount, 'what the client sent is what was created').toBe('12.34');
    expect(payload.iat).toBe(NOW.getTime() / 1000);
    expect(payload.iss).toBe(mock.url);
    expect([typeof payload.aud, typeof payload.jti]).toEqual(['string', 'string']);

    const detail = await fetch(`${base}/orders/${encodeURIComponent(payload.data.orderId)}`, { headers: { authorization: 'Bearer any' } });
    expect(detail.status).toBe(200);
    const shown = decodeCompactJws(await detail.text());
    if ('problem' in shown) throw new Error(shown.problem);
    expect((shown.payload as { data: unknown }).data).toEqual(payload.data);
  });

  it('refuses a JSON body where only a signed one is documented (415)', async () => {
    const response = await post(JSON.stringify({ data: { amount: '12.34' } }), 'application/json');
    expect(response.status).toBe(415);
  });

  it('refuses a body that is not a compact JWS (400 BAD_SIGNATURE) and a payload that breaks the schema (400)', async () => {
    const garbage = await post('not.a-jws', 'application/jwt');
    expect(garbage.status).toBe(400);
    expect(JSON.stringify(await garbage.json())).toContain('BAD_SIGNATURE');
    const broken = await post(signCompactJws(CLIENT_KEY, undefined, { data: { amount: 'twelve' } }), 'application/jwt');
    expect(broken.status).toBe(400);
    expect(JSON.stringify(await broken.json())).toContain('amount');
  });

  it('serves a client that accepts only application/jwt where the spec signs, and 406 to one that accepts neither', async () => {
    const created = await post(signCompactJws(CLIENT_KEY, undefined, { data: { amount: '1.00' } }), 'application/jwt');
    const jws = decodeCompactJws(await created.text());
    if ('problem' in jws) throw new Error(jws.problem);
    const url = `${base}/orders/${encodeURIComponent((jws.payload as { data: { orderId: string } }).data.orderId)}`;
    const signedOnly = await fetch(url, { headers: { authorization: 'Bearer any', accept: 'application/jwt' } });
    expect([signedOnly.status, signedOnly.headers.get('content-type')]).toEqual([200, 'application/jwt']);
    const neither = await fetch(url, { headers: { authorization: 'Bearer any', accept: 'application/xml' } });
    expect(neither.status).toBe(406);
  });

  it('errors the spec documents as JSON stay JSON', async () => {
    const response = await fetch(`${base}/orders/no-such-order`, { headers: { authorization: 'Bearer any' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
