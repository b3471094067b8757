/**
 * A spec that is none of the catalogue's families (a user's own file): served
 * under its servers path, parameters and body checked, every answer in the spec.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../start.ts';
import { call, operationOf, specProblems } from './helpers.ts';

const FILE = fileURLToPath(new URL('./fixtures/pets.yaml', import.meta.url));
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, specs: [FILE], now: new Date('2026-05-10T12:00:00Z') });
});
afterAll(() => mock.close());

describe('a generic spec', () => {
  const auth = { authorization: 'Bearer t' };
  const url = (path: string) => `${mock.url}/api/v1${path}`;

  it('is mounted under its first server path and answers valid bodies', async () => {
    const [spec] = mock.specs;
    expect(spec.family).toBe('generic');
    const list = await call(url('/pets'), { headers: auth });
    expect(specProblems(spec, operationOf(spec, 'listPets'), list)).toEqual([]);
    expect(list.status).toBe(200);
    const created = await call(url('/pets'), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"id":"1","name":"Rex"}' });
    expect(created.status).toBe(201);
    expect(specProblems(spec, operationOf(spec, 'createPet'), created)).toEqual([]);
  });

  it('checks parameters, body and credentials', async () => {
    const [spec] = mock.specs;
    const badQuery = await call(url('/pets?limit=0'), { headers: auth });
    expect(badQuery.status).toBe(400);
    expect(specProblems(spec, operationOf(spec, 'listPets'), badQuery)).toEqual([]);
    const badBody = await call(url('/pets'), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"id":1}' });
    expect(badBody.status).toBe(400);
    expect(specProblems(spec, operationOf(spec, 'createPet'), badBody)).toEqual([]);
    const badId = await call(url('/pets/NOT_VALID'), { headers: auth });
    expect(badId.status).toBe(400);
    expect((await call(url('/pets'))).status).toBe(401);
    expect((await call(url('/pets'), { headers: { authorization: 'Bearer aferir:' } })).status).toBe(403);
  });
});
