/**
 * A spec that is none of the catalogue's families (a user's own file): served
 * under its servers path, parameters and body checked, every answer in the spec.
 */
import { fileURLToPath } from 'node:url';
import { familyOf } from '../../../families/index.ts';
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
    const spec = mock.specs[0]!; // started with one spec
    expect(familyOf(spec)).toBe('generic');
    const list = await call(url('/pets'), { headers: auth });
    expect(specProblems(spec, operationOf(spec, 'listPets'), list)).toEqual([]);
    expect(list.status).toBe(200);
    const created = await call(url('/pets'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"id":"1","name":"Rex"}',
    });
    expect(created.status).toBe(201);
    expect(specProblems(spec, operationOf(spec, 'createPet'), created)).toEqual([]);
  });

  it('checks parameters, body and credentials', async () => {
    const spec = mock.specs[0]!; // started with one spec
    const badQuery = await call(url('/pets?limit=0'), { headers: auth });
    expect(badQuery.status).toBe(400);
    expect(specProblems(spec, operationOf(spec, 'listPets'), badQuery)).toEqual([]);
    const badBody = await call(url('/pets'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"id":1}',
    });
    expect(badBody.status).toBe(400);
    expect(specProblems(spec, operationOf(spec, 'createPet'), badBody)).toEqual([]);
    const badId = await call(url('/pets/NOT_VALID'), { headers: auth });
    expect(badId.status).toBe(400);
    expect((await call(url('/pets'))).status).toBe(401);
    expect((await call(url('/pets'), { headers: { authorization: 'Bearer aferir:' } })).status).toBe(403);
  });

  it('answers 400 in the spec envelope for a body that is not valid UTF-8, and reads UTF-8 with or without a BOM', async () => {
    const spec = mock.specs[0]!; // started with one spec
    const post = (body: Buffer) =>
      call(url('/pets'), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: new Uint8Array(body) });
    // 0xFF never occurs in UTF-8; 0xC3 0x28 is a lead byte followed by a non-continuation; 0xED 0xA0 0x80 is a UTF-16 surrogate.
    for (const bad of [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const answer = await post(Buffer.concat([Buffer.from('{"id":"1","name":"Rex'), bad, Buffer.from('"}')]));
      expect(answer.status).toBe(400);
      expect(specProblems(spec, operationOf(spec, 'createPet'), answer)).toEqual([]);
      expect(answer.text).toMatch(/UTF-8/);
    }
    expect((await post(Buffer.from('{"id":"1","name":"São João"}'))).status).toBe(201);
    expect((await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"1","name":"Rex"}')]))).status).toBe(201);
  });
});
