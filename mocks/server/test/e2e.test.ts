/**
 * The real mock (real data engine) on port 0, family by family: every
 * operation's success and every documented error answer validate against the
 * spec, the protocol rules hold, and paging walks the data exactly once.
 */
import { cpf } from 'cpf-cnpj-validator';
import { isSchemaObject } from '../../../specs/json-schema.ts';
import { familyOf } from '../../../families/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedSpec, Operation } from '../../../specs/types.ts';
import { startMock, type RunningMock } from '../start.ts';
import { BASIC, call, INTERACTION_ID, operationOf, specProblems, type Answer } from './helpers.ts';

const NOW = new Date('2026-05-10T12:00:00Z');
let mock: RunningMock;
const log: string[] = [];

beforeAll(async () => {
  mock = await startMock({ port: 0, now: NOW, seed: 1, log: (line) => log.push(line) });
});
afterAll(() => mock.close());

const spec = (id: string) => mock.specs.find((s) => s.id === id)!;
/** The stateless APIs; consents APIs keep state and are tested on their own (families/consents/test). */
const stateless = () => mock.specs.filter((s) => familyOf(s) !== 'consents');

/** A valid request from the data engine, with the credentials each family expects. */
function validCall(s: LoadedSpec, operation: Operation, extra: Record<string, string> = {}, index = 0): { url: string; init: RequestInit } {
  const generated = mock.world().validRequest(s, operation, index);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(generated.pathParams[name]!));
  const query = new URLSearchParams(generated.query).toString();
  const headers: Record<string, string> = { ...generated.headers, ...credentialsFor(s), ...extra };
  const init: RequestInit = { method: operation.method, headers };
  if (generated.body !== undefined) {
    init.body = JSON.stringify(generated.body);
    headers['content-type'] = 'application/json';
  }
  return { url: `${mock.url}${s.basePath}${path}${query ? `?${query}` : ''}`, init };
}

/** Open Insurance links are https (its spec's pattern demands it); the mock under test speaks plain http. */
const overPlainHttp = (link: string) => link.replace(/^https:\/\//, 'http://');

function credentialsFor(s: LoadedSpec): Record<string, string> {
  if (familyOf(s) === 'belvo') return { authorization: BASIC };
  // The contracts declare no scheme but document 401: a bearer token is what the platform sends.
  if (familyOf(s) === 'opus') return { authorization: 'Bearer e2e-token' };
  return { authorization: 'Bearer e2e-token', 'x-fapi-interaction-id': INTERACTION_ID };
}

async function send(s: LoadedSpec, operation: Operation, extra: Record<string, string> = {}, index = 0): Promise<Answer> {
  const { url, init } = validCall(s, operation, extra, index);
  return call(url, init);
}

function expectConforms(s: LoadedSpec, operation: Operation, answer: Answer, status: number): void {
  expect(answer.status, `${operation.id}: ${answer.text.slice(0, 300)}`).toBe(status);
  expect(specProblems(s, operation, answer), `${s.id} ${operation.id} ${status}`).toEqual([]);
}

describe('every operation of every bundled spec', () => {
  it('answers a valid request with a 200 that validates, headers included', async () => {
    for (const s of stateless()) {
      for (const operation of s.operations) {
        const answer = await send(s, operation);
        expectConforms(s, operation, answer, 200);
        if (familyOf(s) === 'ofb' || familyOf(s) === 'opin') expect(answer.headers.get('x-fapi-interaction-id')).toBe(INTERACTION_ID);
        expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(answer.headers.get('date')).toBeTruthy();
      }
    }
    expect(log.filter((line) => line.includes('data-engine bug'))).toEqual([]);
  });

  it('reaches every documented status with Prefer: code, each body valid in its envelope', async () => {
    for (const s of stateless()) {
      for (const operation of s.operations) {
        for (const response of operation.responses) {
          if (!/^[3-5]\d\d$/.test(response.status)) continue;
          const answer = await send(s, operation, { prefer: `code=${response.status}` });
          expectConforms(s, operation, answer, Number(response.status));
          expect(answer.headers.get('preference-applied')).toBe(`code=${response.status}`);
        }
      }
    }
  });

  it('gives the same bytes for the same seed, apart from requestDateTime', async () => {
    const s = spec('ofb-financings-2.3.0');
    const operation = operationOf(s, 'financingsGetContractsContractIdScheduledInstalments');
    const first = await send(s, operation);
    const other = await startMock({ port: 0, now: NOW, seed: 1, specs: ['ofb-financings-2.3.0'] });
    try {
      const { url, init } = validCall(s, operation);
      const second = await call(url.replace(mock.url, other.url), init);
      const strip = (text: string, base: string) => text.split(base).join('BASE');
      expect(strip(second.text, other.url)).toBe(strip(first.text, mock.url));
    } finally {
      await other.close();
    }
  });
});

describe('Open Finance Brasil and Open Insurance', () => {
  const fapi = () => mock.specs.filter((s) => familyOf(s) === 'ofb' || familyOf(s) === 'opin');

  it('answers 401, 400 (interaction id), 406 and 403 in the spec envelope', async () => {
    for (const s of fapi()) {
      for (const operation of s.operations) {
        const noToken = await send(s, operation, { authorization: '' });
        expectConforms(s, operation, noToken, 401);
        const noId = await send(s, operation, { 'x-fapi-interaction-id': 'nope' });
        expectConforms(s, operation, noId, 400);
        expect(noId.headers.get('x-fapi-interaction-id')).not.toBe('nope');
        expectConforms(s, operation, await send(s, operation, { accept: 'text/csv' }), 406);
        // RESOURCES_READ alone is a token without the operation's permission, except for the Resources API itself.
        const lacking = operation.permissions.includes('RESOURCES_READ') ? 'Bearer aferir:' : 'Bearer aferir:RESOURCES_READ';
        expectConforms(s, operation, await send(s, operation, { authorization: lacking }), 403);
        const allowed = await send(s, operation, { authorization: `Bearer aferir:${operation.permissions.join(',')},RESOURCES_READ` });
        expectConforms(s, operation, allowed, 200);
      }
    }
  });

  it('writes links under the public host a proxy announces (X-Forwarded-Host/Proto)', async () => {
    const s = spec('ofb-accounts-2.4.1');
    const { url, init } = validCall(s, operationOf(s, 'accountsGetAccounts'), {
      'x-forwarded-host': 'api.banco.example',
      'x-forwarded-proto': 'https',
    });
    const answer = await call(url, init);
    expectConforms(s, operationOf(s, 'accountsGetAccounts'), answer, 200);
    expect(answer.body.links.self).toBe('https://api.banco.example/open-banking/accounts/v2/accounts');
  });

  it('tells the pinned time in the Date header, as in meta.requestDateTime', async () => {
    const s = spec('ofb-accounts-2.4.1');
    const { url, init } = validCall(s, operationOf(s, 'accountsGetAccounts'));
    const answer = await call(url, init);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('date')).toBe(NOW.toUTCString());
    expect(answer.body.meta.requestDateTime).toBe('2026-05-10T12:00:00Z');
  });

  it('answers 422 for page-size 1001 and 0, and 404 for an unknown id', async () => {
    for (const s of fapi()) {
      for (const operation of s.operations) {
        if (operation.parameters.some((p) => p.name === 'page-size')) {
          const { url, init } = validCall(s, operation);
          for (const size of ['1001', '0']) {
            const answer = await call(`${url}${url.includes('?') ? '&' : '?'}page-size=${size}`, init);
            expectConforms(s, operation, answer, 422);
            if (familyOf(s) === 'ofb') expect(answer.body.meta.requestDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          }
        }
        const idParameter = operation.parameters.find((p) => p.in === 'path');
        if (idParameter) {
          const { url, init } = validCall(s, operation);
          const id = mock.world().validRequest(s, operation).pathParams[idParameter.name];
          const answer = await call(url.replace(encodeURIComponent(id!), 'unknown-id-0000'), init);
          expectConforms(s, operation, answer, 404);
        }
      }
    }
  });

  it('walks next links from page 1 with page-size 7, visiting every record once and ending on last', async () => {
    let walked = 0;
    let endedOnLast = 0;
    for (const s of fapi()) {
      for (const operation of s.operations.filter((op) => op.parameters.some((p) => p.name === 'page-size'))) {
        const { url, init } = validCall(s, operation);
        const join = url.includes('?') ? '&' : '?';
        const whole = await call(`${url}${join}page-size=1000`, init);
        expectConforms(s, operation, whole, 200);
        const total = whole.body.meta.totalRecords ?? whole.body.data.length;
        if (total <= 7) continue;
        walked++;
        const first = await call(`${url}${join}page-size=7&page=1`, init);
        if (whole.body.meta.totalPages !== undefined) expect(first.body.meta.totalPages).toBe(Math.ceil(total / 7));
        const seen: string[] = [];
        let page = first;
        for (let hops = 0; hops < 200; hops++) {
          expectConforms(s, operation, page, 200);
          seen.push(...page.body.data.map((item: unknown) => JSON.stringify(item)));
          if (!page.body.links.next) break;
          expect(page.body.links.last).toBe(first.body.links.last);
          page = await call(overPlainHttp(page.body.links.next), init);
        }
        expect(seen, `${operation.id}`).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
        expect(first.body.links.prev).toBeUndefined();
        expect(page.body.links.next).toBeUndefined();
        expect(page.body.links.first).toBe(first.body.links.self);
        if (first.body.links.last !== undefined) {
          expect(page.body.links.self).toBe(first.body.links.last);
          endedOnLast++;
        }
      }
    }
    expect(walked).toBeGreaterThan(0);
    // At least one walked list declares `last` (OPIN movements): the walk must end exactly there.
    expect(endedOnLast).toBeGreaterThan(0);
  });

  it('honours the transactions filters and limits transactions-current to D-6..D', async () => {
    const s = spec('ofb-accounts-2.4.1');
    const transactions = operationOf(s, 'accountsGetAccountsAccountIdTransactions');
    const { url, init } = validCall(s, transactions);
    const base = url.split('?')[0];
    for (const indicator of ['CREDITO', 'DEBITO']) {
      const answer = await call(
        `${base}?fromBookingDate=2026-01-01&toBookingDate=2026-05-10&creditDebitIndicator=${indicator}&page-size=1000`,
        init,
      );
      expectConforms(s, transactions, answer, 200);
      expect(answer.body.data.length).toBeGreaterThan(0);
      expect(answer.body.data.every((t: { creditDebitType: string }) => t.creditDebitType === indicator)).toBe(true);
    }
    const window = await call(`${base}?fromBookingDate=2026-04-01&toBookingDate=2026-04-15&page-size=1000`, init);
    expectConforms(s, transactions, window, 200);
    expect(
      window.body.data.every(
        (t: { transactionDateTime: string }) =>
          t.transactionDateTime.slice(0, 10) >= '2026-04-01' && t.transactionDateTime.slice(0, 10) <= '2026-04-15',
      ),
    ).toBe(true);

    const current = operationOf(s, 'accountsGetAccountsAccountIdTransactionsCurrent');
    const currentBase = validCall(s, current).url.split('?')[0];
    expectConforms(s, current, await call(`${currentBase}?fromBookingDate=2026-05-04&toBookingDate=2026-05-10`, init), 200);
    const outside = await call(`${currentBase}?fromBookingDate=2026-05-03&toBookingDate=2026-05-10`, init);
    expectConforms(s, current, outside, 422);
    expect(outside.body.meta).toEqual({ requestDateTime: '2026-05-10T12:00:00Z' });
  });

  it('writes Open Insurance links with https, as its spec demands, under the API base', async () => {
    const s = spec('opin-financial-assistance-1.2.0');
    const operation = operationOf(s, 'getInsuranceFinancialAssistance');
    const answer = await send(s, operation);
    expectConforms(s, operation, answer, 200);
    expect(answer.body.links.self).toBe(
      `${mock.url.replace('http:', 'https:')}/open-insurance/insurance-financial-assistance/v1/insurance-financial-assistance/contracts`,
    );
  });
});

describe('Opus integration layer', () => {
  const body = (s: LoadedSpec, operation: Operation) =>
    structuredClone(mock.world().validRequest(s, operation).body) as Record<string, any>;
  const post = (s: LoadedSpec, operation: Operation, value: unknown, raw?: string) =>
    call(`${mock.url}${s.basePath}${operation.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer e2e-token' },
      body: raw ?? JSON.stringify(value),
    });

  it('answers 401 in the envelope to a request without Authorization, before reading the body', async () => {
    for (const s of mock.specs.filter((x) => familyOf(x) === 'opus')) {
      for (const operation of s.operations) {
        const answer = await call(`${mock.url}${s.basePath}${operation.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body(s, operation)),
        });
        expectConforms(s, operation, answer, 401);
      }
    }
  });

  it('validates the body: malformed JSON and missing consent → 400, bad pageSize → 422, in the envelope', async () => {
    for (const s of mock.specs.filter((x) => familyOf(x) === 'opus')) {
      for (const operation of s.operations) {
        expectConforms(s, operation, await post(s, operation, undefined, '{"requestMeta":'), 400);
        const withoutMeta = body(s, operation);
        delete withoutMeta.requestMeta;
        expectConforms(s, operation, await post(s, operation, withoutMeta), 400);
        const requestSchema = operation.requestBody?.content[0]?.schema;
        if ('pageSize' in (isSchemaObject(requestSchema) ? (requestSchema.properties ?? {}) : {})) {
          expectConforms(s, operation, await post(s, operation, { ...body(s, operation), pageSize: 1001 }), 422);
        }
      }
    }
  });

  it('pages from the body and fills meta the way each operation declares it', async () => {
    const s = spec('opus-accounts-2.4.1');
    const instalments = operationOf(s, 'accountsGetAccounts');
    const whole = await post(s, instalments, body(s, instalments));
    expectConforms(s, instalments, whole, 200);
    const total = whole.body.meta.totalRecords;
    expect(total).toBeGreaterThan(1);
    const size = Math.ceil(total / 2);
    const page2 = await post(s, instalments, { ...body(s, instalments), page: 2, pageSize: size });
    expectConforms(s, instalments, page2, 200);
    expect(page2.body.meta).toMatchObject({ totalRecords: total, totalPages: 2 });
    expect(page2.body.data).toHaveLength(total - size);
    expect(page2.body.links).toBeUndefined();
    expectConforms(s, instalments, await post(s, instalments, { ...body(s, instalments), page: 3, pageSize: size }), 422);

    const accounts = s;
    const transactions = operationOf(accounts, 'accountsGetAccountsAccountIdTransactions');
    const small = await post(accounts, transactions, { ...body(accounts, transactions), pageSize: 1 });
    expectConforms(accounts, transactions, small, 200);
    expect(small.body.meta.hasMoreRecords).toBe(true);
    expect(Object.keys(small.body.meta).sort()).toEqual(['hasMoreRecords', 'requestDateTime']);
  });

  it('answers 403 when the consent lacks the route permission and 404 for an unknown account', async () => {
    const s = spec('opus-accounts-2.4.1');
    const balances = operationOf(s, 'accountsGetAccountsAccountIdBalances');
    const value = body(s, balances);
    value.consent.permissions = ['ACCOUNTS_READ', 'RESOURCES_READ'];
    expectConforms(s, balances, await post(s, balances, value), 403);
    const unknown = body(s, balances);
    unknown.accountId = [{ key: 'accountId', value: 'does-not-exist' }];
    expectConforms(s, balances, await post(s, balances, unknown), 404);
  });

  it('answers /check-account-holder consistently with the generated customers', async () => {
    const s = spec('opus-commons-1.0.0');
    const operation = operationOf(s, 'checkAccountHolderStatus');
    // The customer behind the generated consents of the same world.
    const accounts = spec('opus-accounts-2.4.1');
    const consent = body(accounts, operationOf(accounts, 'accountsGetAccounts')).consent;
    const holder = body(s, operation);
    holder.requestBody.data.loggedUserDocument = consent.loggedUser.document.identification;
    const yes = await post(s, operation, holder);
    expectConforms(s, operation, yes, 200);
    expect(yes.body.data.isAccountHolder).toBe(true);
    const stranger = structuredClone(holder);
    stranger.requestBody.data.loggedUserDocument = cpf.generate();
    const no = await post(s, operation, stranger);
    expectConforms(s, operation, no, 200);
    expect(no.body.data.isAccountHolder).toBe(false);
  });
});

describe('originator', () => {
  it('answers 401 without a token, 404 for an unknown application, both in its {code, message} shape', async () => {
    const s = spec('originator-applications-1.0.0');
    const operation = operationOf(s, 'getApplication');
    expectConforms(s, operation, await send(s, operation, { authorization: '' }), 401);
    const unknown = await call(`${mock.url}/banking/originator/applications/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: 'Bearer t' },
    });
    expectConforms(s, operation, unknown, 404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expectConforms(s, operation, await send(s, operation, { authorization: 'Bearer aferir:' }), 403);
  });
});

describe('Belvo', () => {
  const list = () => operationOf(spec('belvo-accounts-1.223.0'), 'listAccounts');
  const get = (query: string) => call(`${mock.url}/api/accounts/${query ? `?${query}` : ''}`, { headers: { authorization: BASIC } });

  it('answers 401 as an array body without basic credentials', async () => {
    const answer = await call(`${mock.url}/api/accounts/`, { headers: { authorization: 'Bearer x' } });
    expectConforms(spec('belvo-accounts-1.223.0'), list(), answer, 401);
    expect(answer.body[0].code).toBe('authentication_failed');
    const none = await call(`${mock.url}/api/accounts/`, {
      headers: { authorization: `Basic ${Buffer.from('aferir:').toString('base64')}` },
    });
    expectConforms(spec('belvo-accounts-1.223.0'), list(), none, 403);
    expect(none.body[0].code).toBe('access_to_resource_denied');
  });

  it('pages with count/next/previous, page_size 100 by default and above 1000 treated as 1000', async () => {
    const all = await get('');
    expectConforms(spec('belvo-accounts-1.223.0'), list(), all, 200);
    expect(all.body.count).toBe(all.body.results.length);
    expect(all.body.next).toBeNull();
    const clamped = await get('page_size=5000');
    expectConforms(spec('belvo-accounts-1.223.0'), list(), clamped, 200);
    expect(clamped.body.count).toBe(all.body.count);
    if (all.body.count >= 2) {
      const first = await get('page_size=1');
      expect(first.body.results).toHaveLength(1);
      expect(first.body.next).toBe(`${mock.url}/api/accounts/?page_size=1&page=2`);
      const second = await call(first.body.next, { headers: { authorization: BASIC } });
      expect(second.body.previous).toBe(`${mock.url}/api/accounts/?page_size=1&page=1`);
      expect(second.body.results[0].id).not.toBe(first.body.results[0].id);
    }
  });

  it('applies the documented filters and fields/omit', async () => {
    const all = (await get('')).body.results as BelvoAccount[];
    expect(all.length).toBeGreaterThan(0);
    const one = all[0]!; // not empty: checked above
    const check = async (query: string, expected: (a: BelvoAccount) => boolean) => {
      const answer = await get(query);
      expectConforms(spec('belvo-accounts-1.223.0'), list(), answer, 200);
      expect(answer.body.results.map((a: BelvoAccount) => a.id).sort(), query).toEqual(
        all
          .filter(expected)
          .map((a) => a.id)
          .sort(),
      );
    };
    await check(`id=${one.id}`, (a) => a.id === one.id);
    await check(
      `id__in=${all
        .slice(0, 2)
        .map((a) => a.id)
        .join(',')}`,
      (a) => all.slice(0, 2).some((b) => b.id === a.id),
    );
    if (one.link) await check(`link=${one.link}`, (a) => a.link === one.link);
    if (one.category) await check(`category=${one.category}`, (a) => a.category === one.category);
    await check('category__in=CHECKING_ACCOUNT,SAVINGS_ACCOUNT', (a) => ['CHECKING_ACCOUNT', 'SAVINGS_ACCOUNT'].includes(a.category));
    await check(`currency=${one.currency}`, (a) => a.currency === one.currency);
    const amount = one.balance.current;
    // A null balance matches no comparison, as in Django.
    await check(`balance__current__gte=${amount}`, (a) => typeof a.balance.current === 'number' && a.balance.current >= amount);
    await check(`balance__current__lt=${amount}`, (a) => typeof a.balance.current === 'number' && a.balance.current < amount);
    await check(`balance__available__range=${-1e12},${1e12}`, (a) => typeof a.balance.available === 'number');
    const day = one.created_at.slice(0, 10);
    await check(`created_at__gte=${day}`, (a) => a.created_at.slice(0, 10) >= day);
    await check(`created_at__lt=${day}`, (a) => a.created_at.slice(0, 10) < day);
    const projected = await get('fields=id,balance');
    expect(Object.keys(projected.body.results[0]).sort()).toEqual(['balance', 'id']);
    const omitted = await get('omit=credit_data,loan_data');
    expect(omitted.body.results[0]).not.toHaveProperty('credit_data');
    expect(omitted.body.results[0]).toHaveProperty('id');
    expect((await get('balance__current__gt=abc')).status).toBe(400);
  });
});

/** A Belvo account: the members the filter test reads. */
interface BelvoAccount {
  id: string;
  link?: string;
  category: string;
  currency: string;
  created_at: string;
  balance: { current: number; available: number };
}
