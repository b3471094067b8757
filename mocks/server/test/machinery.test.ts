/**
 * The server machinery on a stand-in data world: routing, the order of the
 * protocol checks, paging links, the token convention, Prefer, faults, limits
 * and logging. The real data engine is exercised in e2e.test.ts.
 */
import { CATALOGUE } from '../../../specs/catalogue.ts';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../start.ts';
import { createFakeWorld, FAKE_TOTAL } from './fake-world.ts';
import { BASIC, call, FAPI_HEADERS, INTERACTION_ID } from './helpers.ts';

let mock: RunningMock;
const lines: string[] = [];
const ACCOUNTS = '/open-banking/accounts/v2/accounts';

beforeAll(async () => {
  mock = await startMock({ port: 0, createWorld: createFakeWorld, now: new Date('2026-05-10T12:00:00Z'), log: (line) => lines.push(line) });
});
afterAll(() => mock.close());

describe('routing', () => {
  it('lists the mounted APIs at /_aferir/apis', async () => {
    const answer = await call(`${mock.url}/_aferir/apis`);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(CATALOGUE.length);
    expect(answer.body[0]).toEqual({
      id: 'ofb-accounts-2.4.1',
      title: expect.any(String),
      version: '2.4.1',
      basePath: '/open-banking/accounts/v2',
    });
    expect((answer.body as Array<{ id: string; basePath: string }>).find((api) => api.id === 'opus-commons-1.0.0')?.basePath).toBe(
      '/opus-commons-1.0.0',
    );
  });

  it('answers 405 with Allow for a known path and another method, 404 for unknown paths', async () => {
    const post = await call(`${mock.url}${ACCOUNTS}`, { method: 'POST', headers: FAPI_HEADERS });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toContain('GET');
    expect(post.body.errors[0].code).toBe('METHOD_NOT_ALLOWED');
    const unknown = await call(`${mock.url}/open-banking/accounts/v2/cards`, { headers: FAPI_HEADERS });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-fapi-interaction-id')).toBe(INTERACTION_ID);
    expect((await call(`${mock.url}/nowhere/at/all`)).status).toBe(404);
  });

  it('serves HEAD like GET without a body, and OPTIONS with the allowed methods', async () => {
    const head = await call(`${mock.url}${ACCOUNTS}`, { method: 'HEAD', headers: FAPI_HEADERS });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    const options = await call(`${mock.url}${ACCOUNTS}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'GET' },
    });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(options.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 400 for invalid percent-encoding', async () => {
    const answer = await call(`${mock.url}${ACCOUNTS}/ab%zz`, { headers: FAPI_HEADERS });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe('INVALID_URL');
  });
});

describe('Open Finance protocol checks', () => {
  it('echoes x-fapi-interaction-id, sets Date and the JSON content type', async () => {
    const answer = await call(`${mock.url}${ACCOUNTS}`, { headers: FAPI_HEADERS });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-fapi-interaction-id')).toBe(INTERACTION_ID);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('date')).toMatch(/GMT$/);
    expect(answer.body.meta).toEqual({ totalRecords: FAKE_TOTAL, totalPages: 3, requestDateTime: '2026-05-10T12:00:00Z' });
  });

  it('answers 400 with a fresh interaction id when it is missing or not a UUID', async () => {
    const cases: Record<string, string>[] = [
      { authorization: 'Bearer t' },
      { authorization: 'Bearer t', 'x-fapi-interaction-id': 'not-a-uuid' },
    ];
    for (const headers of cases) {
      const answer = await call(`${mock.url}${ACCOUNTS}`, { headers });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(answer.body.errors[0].code).toBe('INVALID_INTERACTION_ID');
    }
  });

  it('answers 401 without a bearer token and 406 when Accept excludes JSON', async () => {
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { 'x-fapi-interaction-id': INTERACTION_ID } })).status).toBe(401);
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, authorization: `Basic abc` } })).status).toBe(401);
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, accept: 'application/xml' } })).status).toBe(406);
    expect(
      (await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, accept: 'application/json; charset=latin1' } })).status,
    ).toBe(406);
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, accept: 'application/json; charset=UTF-8' } })).status).toBe(
      200,
    );
  });

  it('applies the token convention: aferir:<permissions> holds only those', async () => {
    const limited = { ...FAPI_HEADERS, authorization: 'Bearer aferir:ACCOUNTS_READ,RESOURCES_READ' };
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: limited })).status).toBe(200);
    const balances = await call(`${mock.url}${ACCOUNTS}/acc-1/balances`, { headers: limited });
    expect(balances.status).toBe(403);
    expect(balances.body.errors[0].detail).toContain('ACCOUNTS_BALANCES_READ');
    expect((await call(`${mock.url}${ACCOUNTS}/acc-1/balances`, { headers: FAPI_HEADERS })).status).toBe(200);
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, authorization: 'Bearer aferir:' } })).status).toBe(403);
  });

  it('answers 422 for page-size 0 or 1001 and for a page past the last, 400 for other bad parameters', async () => {
    for (const query of ['page-size=0', 'page-size=1001', 'page=0', 'page=abc', 'page=4&page-size=25']) {
      const answer = await call(`${mock.url}${ACCOUNTS}?${query}`, { headers: FAPI_HEADERS });
      expect(answer.status, query).toBe(422);
    }
    expect((await call(`${mock.url}${ACCOUNTS}?accountType=NOPE`, { headers: FAPI_HEADERS })).status).toBe(400);
    expect((await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, 'x-fapi-auth-date': 'yesterday' } })).status).toBe(400);
  });

  it('writes links that appear exactly when they should, keeping other query parameters', async () => {
    const page = async (n: number) =>
      (await call(`${mock.url}${ACCOUNTS}?accountType=CONTA_POUPANCA&page-size=25&page=${n}`, { headers: FAPI_HEADERS })).body.links;
    const base = `${mock.url}${ACCOUNTS}?accountType=CONTA_POUPANCA&page-size=25&page=`;
    expect(await page(1)).toEqual({ self: `${base}1`, next: `${base}2`, last: `${base}3` });
    expect(await page(2)).toEqual({ self: `${base}2`, first: `${base}1`, prev: `${base}1`, next: `${base}3`, last: `${base}3` });
    expect(await page(3)).toEqual({ self: `${base}3`, first: `${base}1`, prev: `${base}2` });
    const single = await call(`${mock.url}${ACCOUNTS}?page-size=1000`, { headers: FAPI_HEADERS });
    expect(single.body.links).toEqual({ self: `${mock.url}${ACCOUNTS}?page-size=1000` });
  });

  it('answers 404 for an unknown resource and 422 when the data engine refuses the window', async () => {
    expect((await call(`${mock.url}${ACCOUNTS}/missing`, { headers: FAPI_HEADERS })).status).toBe(404);
    const answer = await call(`${mock.url}${ACCOUNTS}/acc-1/transactions-current?fromBookingDate=1999-01-01&toBookingDate=1999-01-02`, {
      headers: FAPI_HEADERS,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.meta).toEqual({ requestDateTime: '2026-05-10T12:00:00Z' });
  });
});

describe('Prefer, like Prism', () => {
  it('answers any documented status on request, in the envelope, and ignores undocumented ones', async () => {
    const answer = await call(`${mock.url}${ACCOUNTS}`, { headers: { ...FAPI_HEADERS, prefer: 'code=423' } });
    expect(answer.status).toBe(423);
    expect(answer.headers.get('preference-applied')).toBe('code=423');
    expect(answer.body.errors[0].code).toBe('LOCKED');
    const belvo = await call(`${mock.url}/api/accounts/`, { headers: { authorization: BASIC, prefer: 'code=408' } });
    expect(belvo.status).toBe(408);
    expect(belvo.body[0]).toMatchObject({ code: 'request_timeout', request_id: expect.stringMatching(/^[a-f0-9]{32}$/) });
    const ignored = await call(`${mock.url}/api/accounts/`, { headers: { authorization: BASIC, prefer: 'code=418' } });
    expect(ignored.status).toBe(200);
  });

  it('serves a named example', async () => {
    const answer = await call(`${mock.url}/banking/originator/applications/3f6c2a1e-8b4d-4c7a-9e2f-1a5b6c7d8e90`, {
      headers: { authorization: 'Bearer t', prefer: 'example=default' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.sequential_id).toBe(10482);
  });
});

describe('request bodies', () => {
  const opus = '/opus-accounts-2.4.1/accounts';
  // Opus documents 401: credentials go first, so the body is read only behind them.
  const AUTH = { authorization: 'Bearer any-token' };

  it('answers 400 for malformed JSON and a missing body, 415 for a non-JSON media type', async () => {
    expect(
      (await call(`${mock.url}${opus}`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"a":' })).body
        .errors[0].code,
    ).toBe('MALFORMED_BODY');
    expect((await call(`${mock.url}${opus}`, { method: 'POST', headers: AUTH })).status).toBe(400);
    expect(
      (await call(`${mock.url}${opus}`, { method: 'POST', headers: { ...AUTH, 'content-type': 'text/plain' }, body: 'x' })).status,
    ).toBe(415);
  });

  it('answers 400 MALFORMED_BODY for a JSON body that is not valid UTF-8, instead of decoding it lossily', async () => {
    const body = Buffer.concat([Buffer.from('{"data":{"cpfCnpj":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}')]);
    const answer = await call(`${mock.url}${opus}`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe('MALFORMED_BODY');
    expect(answer.body.errors[0].detail).toMatch(/UTF-8/);
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const answer = await call(`${mock.url}${opus}`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: `"${'x'.repeat(1024 * 1024 + 10)}"`,
    });
    expect(answer.status).toBe(413);
    expect((await call(`${mock.url}/_aferir/apis`)).status).toBe(200);
  });

  it('answers 431 for huge headers and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${mock.url}${ACCOUNTS}`, { headers: { 'x-huge': 'y'.repeat(64 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect((await call(`${mock.url}/_aferir/apis`)).status).toBe(200);
  });
});

describe('logging', () => {
  it('writes method, path, status and time per request, never the Authorization value', async () => {
    await call(`${mock.url}${ACCOUNTS}?page=2`, { headers: { ...FAPI_HEADERS, authorization: 'Bearer very-secret-token' } });
    const line = lines.find((l) => l.startsWith(`GET ${ACCOUNTS}?page=2 200 `));
    expect(line).toMatch(/ \d+\.\dms$/);
    expect(lines.join('\n')).not.toContain('very-secret-token');
  });

  it('warns once about patterns the loader relaxed', () => {
    const relaxed = lines.filter((l) => l.startsWith('warning: opus-accounts-2.4.1') && l.includes('creationDateTime'));
    expect(relaxed).toHaveLength(1);
  });
});

describe('fault injection', () => {
  it('answers only injected server errors at --fault-rate 1, in the envelope', async () => {
    const faulty = await startMock({ port: 0, specs: ['ofb-accounts-2.4.1'], createWorld: createFakeWorld, faultRate: 1, seed: 7 });
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < 24; i++) {
        const answer = await call(`${faulty.url}${ACCOUNTS}`, { headers: FAPI_HEADERS });
        statuses.add(answer.status);
        expect(answer.body.errors).toHaveLength(1);
      }
      expect([...statuses].every((s) => [500, 503, 504, 529].includes(s))).toBe(true);
      expect(statuses.size).toBeGreaterThan(1);
    } finally {
      await faulty.close();
    }
  });

  it('holds answers back by --latency and still closes at once', async () => {
    const slow = await startMock({
      port: 0,
      specs: ['ofb-accounts-2.4.1'],
      createWorld: createFakeWorld,
      latency: { minMs: 60_000, maxMs: 60_000 },
    });
    const pending = call(`${slow.url}${ACCOUNTS}`, { headers: FAPI_HEADERS }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await slow.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('answers 429 with Retry-After over --rate-limit', async () => {
    const limited = await startMock({ port: 0, specs: ['ofb-accounts-2.4.1'], createWorld: createFakeWorld, rateLimit: 3 });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(`${limited.url}${ACCOUNTS}`, { headers: FAPI_HEADERS })));
      const tooMany = answers.filter((a) => a.status === 429);
      expect(tooMany.length).toBeGreaterThanOrEqual(5);
      expect(tooMany[0]?.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});
