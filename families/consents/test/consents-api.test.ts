/**
 * The consents API as the mock serves it from the bundled OFB and OPIN specs:
 * every answer is checked against the spec (specProblems), and each 422 rule
 * gets the code the spec enumerates for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../mocks/server/start.ts';
import { call, INTERACTION_ID, operationOf, specProblems } from '../../../mocks/server/test/helpers.ts';
import type { LoadedSpec } from '../../../specs/types.ts';

const CPF = '52998224725';
const CNPJ = '11222333000181';
const HEADERS = { authorization: 'Bearer any-token', 'x-fapi-interaction-id': INTERACTION_ID, 'content-type': 'application/json' };
const ACCOUNTS = ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ', 'RESOURCES_READ'];

let mock: RunningMock;
let ofb: LoadedSpec;
let opin: LoadedSpec;
let base: string;
let opinBase: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

beforeAll(async () => {
  mock = await startMock({ port: 0, specs: ['ofb-consents-3.3.1', 'opin-consents-3.0.0', 'ofb-accounts-2.4.1'] });
  ofb = mock.specs.find((spec) => spec.id === 'ofb-consents-3.3.1')!;
  opin = mock.specs.find((spec) => spec.id === 'opin-consents-3.0.0')!;
  base = mock.apis.find((api) => api.id === ofb.id)!.url;
  opinBase = mock.apis.find((api) => api.id === opin.id)!.url;
});

afterAll(async () => {
  await mock?.close();
});

function request(data: Record<string, unknown>) {
  return { data: { loggedUser: { document: { identification: CPF, rel: 'CPF' } }, expirationDateTime: inDays(30), ...data } };
}

const post = (url: string, body: unknown, headers: Record<string, string> = HEADERS) =>
  call(`${url}/consents`, {
    method: 'POST',
    headers: { ...headers, 'x-idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });

describe('the OFB consents API', () => {
  it('creates (201, AWAITING_AUTHORISATION), reads back, revokes (204, REJECTED by TPP), and refuses a second revocation (422)', async () => {
    const created = await post(base, request({ permissions: ACCOUNTS }));
    expect(created.status).toBe(201);
    expect(specProblems(ofb, operationOf(ofb, 'consentsPostConsents'), created)).toEqual([]);
    expect(created.body.data).toMatchObject({ status: 'AWAITING_AUTHORISATION', permissions: ACCOUNTS });
    const id = created.body.data.consentId as string;
    expect(created.body.links.self).toBe(`${base}/consents/${id}`);

    const read = await call(`${base}/consents/${id}`, { headers: HEADERS });
    expect(read.status).toBe(200);
    expect(specProblems(ofb, operationOf(ofb, 'consentsGetConsentsConsentId'), read)).toEqual([]);
    expect(read.body.data).toMatchObject({ consentId: id, status: 'AWAITING_AUTHORISATION' });

    const revoked = await call(`${base}/consents/${id}`, { method: 'DELETE', headers: HEADERS });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    const after = await call(`${base}/consents/${id}`, { headers: HEADERS });
    expect(after.body.data).toMatchObject({
      status: 'REJECTED',
      rejection: { rejectedBy: 'TPP', reason: { code: 'CUSTOMER_MANUALLY_REJECTED' } },
    });
    expect(specProblems(ofb, operationOf(ofb, 'consentsGetConsentsConsentId'), after)).toEqual([]);

    const again = await call(`${base}/consents/${id}`, { method: 'DELETE', headers: HEADERS });
    expect(again.status).toBe(422);
    expect(again.body.errors[0].code).toBe('CONSENTIMENTO_EM_STATUS_REJEITADO');
    expect(specProblems(ofb, operationOf(ofb, 'consentsDeleteConsentsConsentId'), again)).toEqual([]);
  });

  it('a consent without an end date is created without expirationDateTime', async () => {
    const { data } = request({ permissions: ACCOUNTS });
    delete (data as Record<string, unknown>).expirationDateTime;
    const created = await post(base, { data });
    expect(created.status).toBe(201);
    expect(created.body.data).not.toHaveProperty('expirationDateTime');
  });

  it.each([
    ['incomplete permission groups', { permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'] }, 'COMBINACAO_PERMISSOES_INCORRETA'],
    ['a group without RESOURCES_READ', { permissions: ['ACCOUNTS_READ', 'ACCOUNTS_BALANCES_READ'] }, 'COMBINACAO_PERMISSOES_INCORRETA'],
    [
      'part of the credit operations group',
      { permissions: ['LOANS_READ', 'LOANS_PAYMENTS_READ', 'RESOURCES_READ'] },
      'COMBINACAO_PERMISSOES_INCORRETA',
    ],
    [
      'individual and company permissions together',
      {
        permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'RESOURCES_READ'],
        businessEntity: { document: { identification: CNPJ, rel: 'CNPJ' } },
      },
      'PERMISSAO_PF_PJ_EM_CONJUNTO',
    ],
    [
      'company permissions without a business entity',
      { permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'RESOURCES_READ'] },
      'INFORMACOES_PJ_NAO_INFORMADAS',
    ],
    [
      'a business entity with individual permissions',
      {
        permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'RESOURCES_READ'],
        businessEntity: { document: { identification: CNPJ, rel: 'CNPJ' } },
      },
      'PERMISSOES_PJ_INCORRETAS',
    ],
    ['an expiration in the past', { permissions: ACCOUNTS, expirationDateTime: inDays(-1) }, 'DATA_EXPIRACAO_INVALIDA'],
    ['an expiration beyond 12 months', { permissions: ACCOUNTS, expirationDateTime: inDays(400) }, 'DATA_EXPIRACAO_INVALIDA'],
  ])('%s → 422 %s', async (_name, data, code) => {
    const answer = await post(base, request(data));
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(specProblems(ofb, operationOf(ofb, 'consentsPostConsents'), answer)).toEqual([]);
  });

  it('accepts whole groups together, company ones with a business entity', async () => {
    const answer = await post(
      base,
      request({
        permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'ACCOUNTS_READ', 'ACCOUNTS_TRANSACTIONS_READ', 'RESOURCES_READ'],
        businessEntity: { document: { identification: CNPJ, rel: 'CNPJ' } },
      }),
    );
    expect(answer.status).toBe(201);
  });

  it('a body that breaks the schema is 400; no token is 401; an unknown consent is 404', async () => {
    expect((await post(base, request({ permissions: ['NOT_A_PERMISSION'] }))).status).toBe(400);
    expect((await post(base, { data: {} })).status).toBe(400);
    const { authorization: _omitted, ...anonymous } = HEADERS;
    expect((await post(base, request({ permissions: ACCOUNTS }), anonymous)).status).toBe(401);
    const unknown = await call(`${base}/consents/urn:aferir:unknown`, { headers: HEADERS });
    expect(unknown.status).toBe(404);
    expect(specProblems(ofb, operationOf(ofb, 'consentsGetConsentsConsentId'), unknown)).toEqual([]);
  });
});

describe('the OPIN consents API (same handler, read from its own spec)', () => {
  it('creates, reads and revokes; a rule the spec has no code for answers its catch-all code', async () => {
    const created = await post(opinBase, request({ permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'RESOURCES_READ'] }));
    expect(created.status).toBe(201);
    expect(specProblems(opin, operationOf(opin, 'consentsPostConsents'), created)).toEqual([]);
    const id = created.body.data.consentId as string;
    const read = await call(`${opinBase}/consents/${id}`, { headers: HEADERS });
    expect(specProblems(opin, operationOf(opin, 'consentsGetConsentsConsentId'), read)).toEqual([]);
    expect((await call(`${opinBase}/consents/${id}`, { method: 'DELETE', headers: HEADERS })).status).toBe(204);

    const incomplete = await post(opinBase, request({ permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'] }));
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors[0].code).toBe('NAO_INFORMADO');
    expect(specProblems(opin, operationOf(opin, 'consentsPostConsents'), incomplete)).toEqual([]);
  });
});

describe('extending an authorised consent (OFB)', () => {
  let withAuth: RunningMock;
  let url: string;

  beforeAll(async () => {
    withAuth = await startMock({ port: 0, specs: ['ofb-consents-3.3.1'], authorization: { consent: 'auto' } });
    url = withAuth.apis[0]!.url;
  });

  afterAll(async () => {
    await withAuth?.close();
  });

  it('POST extends → 201 with the new expiration; the extensions list shows it; a waiting consent cannot be extended (422)', async () => {
    const created = await post(url, request({ permissions: ACCOUNTS, expirationDateTime: inDays(10) }));
    const id = created.body.data.consentId as string;
    const loggedUser = { document: { identification: CPF, rel: 'CPF' } };
    const extendBody = JSON.stringify({ data: { loggedUser, expirationDateTime: inDays(60) } });
    const extendHeaders = { ...HEADERS, 'x-fapi-customer-ip-address': '10.1.2.3', 'x-customer-user-agent': 'test-agent' };

    const early = await call(`${url}/consents/${id}/extends`, { method: 'POST', headers: extendHeaders, body: extendBody });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('ESTADO_CONSENTIMENTO_INVALIDO');

    await withAuth.authorization!.consents.authorise(id, [], 'grant-of-the-test');
    const extended = await call(`${url}/consents/${id}/extends`, { method: 'POST', headers: extendHeaders, body: extendBody });
    expect(extended.status).toBe(201);
    expect(specProblems(ofb, operationOf(ofb, 'consentsPostConsentsConsentIdExtends'), extended)).toEqual([]);
    expect(extended.body.data.expirationDateTime).toBe(JSON.parse(extendBody).data.expirationDateTime);

    const list = await call(`${url}/consents/${id}/extensions`, { headers: HEADERS });
    expect(list.status).toBe(200);
    expect(specProblems(ofb, operationOf(ofb, 'consentsGetConsentsConsentIdExtensions'), list)).toEqual([]);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      previousExpirationDateTime: created.body.data.expirationDateTime,
      xFapiCustomerIpAddress: '10.1.2.3',
    });

    const shorter = await call(`${url}/consents/${id}/extends`, {
      method: 'POST',
      headers: extendHeaders,
      body: JSON.stringify({ data: { loggedUser, expirationDateTime: inDays(5) } }),
    });
    expect(shorter.status).toBe(422);
    expect(shorter.body.errors[0].code).toBe('DATA_EXPIRACAO_INVALIDA');
  });
});
