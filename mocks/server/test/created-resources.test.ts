/**
 * Resources a POST creates exist afterwards (mocks/server/created-resources.ts), on an Open Finance-shaped
 * fixture: the documented 201 (never an undocumented 200), the body checked with the documented 400, the new id
 * found by GET, changed by PATCH, removed by DELETE, the same ids again under the same seed, and every declared
 * response header sent (`x-v` with the API's version).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../start.ts';
import { call, operationOf, specProblems } from './helpers.ts';

const FILE = fileURLToPath(new URL('./fixtures/things.yaml', import.meta.url));
const NOW = new Date('2026-05-10T12:00:00Z');
const HEADERS = {
  authorization: 'Bearer t',
  'x-fapi-interaction-id': '0a1b2c3d-0000-4000-8000-000000000001',
  'content-type': 'application/json',
};
let mock: RunningMock;
let again: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, specs: [FILE], now: NOW, quiet: true });
  again = await startMock({ port: 0, specs: [FILE], now: NOW, quiet: true });
});
afterAll(async () => {
  await mock.close();
  await again.close();
});

const url = (m: RunningMock, path: string) => `${m.url}/open-banking/things/v1${path}`;
const create = (m: RunningMock, data: unknown) =>
  call(url(m, '/things'), { method: 'POST', headers: HEADERS, body: JSON.stringify({ data }) });

describe('resources created by a POST', () => {
  it('answers the documented 201 and rejects a body off its schema with the documented 400', async () => {
    const [spec] = mock.specs;
    const created = await create(mock, { name: 'Caixa', amount: '10.00' });
    expect(created.status).toBe(201);
    expect(specProblems(spec!, operationOf(spec!, 'createThing'), created)).toEqual([]);
    expect(created.headers.get('x-v')).toBe('1.2.3');
    expect((created.body as { data: unknown }).data).toMatchObject({ name: 'Caixa', amount: '10.00' });
    const empty = await call(url(mock, '/things'), { method: 'POST', headers: HEADERS, body: '{}' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ errors: [{ code: 'INVALID_BODY' }] });
  });

  it('finds the created resource by its id, changes it with PATCH and removes it with DELETE', async () => {
    const created = await create(mock, { name: 'Caixa', amount: '10.00' });
    const thing = (created.body as { data: { thingId: string; name: string } }).data;
    const path = `/things/${encodeURIComponent(thing.thingId)}`;
    const read = await call(url(mock, path), { headers: HEADERS });
    expect(read.status).toBe(200);
    expect((read.body as { data: unknown }).data).toEqual(thing);
    const renamed = await call(url(mock, path), { method: 'PATCH', headers: HEADERS, body: JSON.stringify({ data: { name: 'Cofre' } }) });
    expect(renamed.status).toBe(200);
    expect((renamed.body as { data: { name: string } }).data.name).toBe('Cofre');
    expect(((await call(url(mock, path), { headers: HEADERS })).body as { data: { name: string } }).data.name).toBe('Cofre');
    expect((await call(url(mock, path), { method: 'DELETE', headers: HEADERS })).status).toBe(204);
    expect((await call(url(mock, path), { headers: HEADERS })).status).toBe(404);
  });

  it('gives the n-th creation the same id under the same seed, and a new id to each creation', async () => {
    const ids = async (m: RunningMock) => {
      const out: string[] = [];
      for (let i = 0; i < 3; i++)
        out.push(((await create(m, { name: 'x', amount: '1.00' })).body as { data: { thingId: string } }).data.thingId);
      return out;
    };
    const fresh = await startMock({ port: 0, specs: [FILE], now: NOW, quiet: true });
    try {
      const first = await ids(again);
      expect(new Set(first).size).toBe(3);
      expect(await ids(fresh)).toEqual(first);
    } finally {
      await fresh.close();
    }
  });

  it('answers 404 for an id nothing created', async () => {
    expect((await call(url(mock, '/things/urn:thing:00000000'), { headers: HEADERS })).status).toBe(404);
  });
});
