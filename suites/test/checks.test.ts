/** Each exchange check on hand-built exchanges: table cases of what it must and must not find. */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../specs/load.ts';
import { contentType } from '../checks/generic/content-type.ts';
import { dateHeader } from '../checks/generic/date-header.ts';
import { errorBody } from '../checks/generic/error-body.ts';
import { responseHeaders } from '../checks/generic/response-headers.ts';
import { responseSchema } from '../checks/generic/response-schema.ts';
import { statusDocumented } from '../checks/generic/status-documented.ts';
import { interactionIdEcho } from '../checks/fapi/interaction-id-echo.ts';
import { requestDateTime } from '../checks/fapi/request-date-time.ts';
import type { ExchangeCheck } from '../checks/types.ts';
import { fakeContext, fakeExchange, type FakeResponse } from './fixtures/exchanges.ts';

const accounts = await loadSpec('ofb-accounts-2.4.1');
const belvo = await loadSpec('belvo-accounts-1.223.0');
const tiny = await loadSpec(fileURLToPath(new URL('./fixtures/tiny-spec.yaml', import.meta.url)));

const account = {
  compeCode: '001',
  branchCode: '6272',
  number: '94088392',
  checkDigit: '4',
  type: 'CONTA_DEPOSITO_A_VISTA',
  subtype: 'INDIVIDUAL',
  currency: 'BRL',
};
const detail = (data: unknown, meta: unknown = { totalRecords: 1, totalPages: 1, requestDateTime: '2024-05-07T12:00:00Z' }) => ({
  data,
  links: { self: 'https://api.bank.example/open-banking/accounts/v2/accounts/a1' },
  meta,
});

interface Case {
  name: string;
  check: ExchangeCheck;
  spec?: typeof accounts;
  operation?: string;
  response: FakeResponse;
  sent?: Record<string, string>;
  /** Every expected finding as `path rule` (in any order), or [] for none. */
  findings: string[];
  warning?: boolean;
}

const CASES: Case[] = [
  { name: 'a documented status', check: statusDocumented, response: { status: 200, body: detail(account) }, findings: [] },
  {
    name: 'a status Belvo does not document',
    check: statusDocumented,
    spec: belvo,
    operation: 'listAccounts',
    response: { status: 404, body: [] },
    findings: [' documented status'],
  },
  { name: 'JSON with UTF-8', check: contentType, response: { body: detail(account) }, findings: [] },
  {
    name: 'text/plain',
    check: contentType,
    response: { headers: { 'content-type': 'text/plain' }, body: detail(account) },
    findings: ['header content-type one of application/json'],
  },
  {
    name: 'JSON in Latin-1',
    check: contentType,
    response: { headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: detail(account) },
    findings: ['header content-type charset utf-8'],
  },
  { name: 'a valid identification', check: responseSchema, response: { body: detail(account) }, findings: [] },
  {
    name: 'a compeCode of four digits',
    check: responseSchema,
    response: { body: detail({ ...account, compeCode: '0011' }) },
    findings: ['$.data.compeCode pattern ^\\d{3}$', '$.data.compeCode maxLength 3'],
  },
  {
    name: 'a missing required field',
    check: responseSchema,
    response: { body: detail({ ...account, currency: undefined }) },
    findings: ['$.data.currency required'],
  },
  {
    name: 'an enum value the spec does not list',
    check: responseSchema,
    response: { body: detail({ ...account, subtype: 'SOLO' }) },
    findings: ['$.data.subtype enum [INDIVIDUAL, CONJUNTA_SIMPLES, CONJUNTA_SOLIDARIA]'],
  },
  {
    name: 'a link on a loopback host is still a URL',
    check: responseSchema,
    response: { body: { ...detail(account), links: { self: 'http://127.0.0.1:4010/open-banking/accounts/v2/accounts/a1' } } },
    findings: [],
  },
  {
    name: 'a link that is not a URL',
    check: responseSchema,
    response: { body: { ...detail(account), links: { self: 'et deserunt' } } },
    findings: ['$.links.self format url'],
  },
  { name: 'invalid JSON labelled JSON', check: responseSchema, response: { text: '{"data": ' }, findings: ['$ valid JSON'] },
  { name: 'an empty 200 body', check: responseSchema, response: { text: '' }, findings: ['$ body required'] },
  {
    name: 'a number breaking a pattern the spec writes on numbers: a warning about the spec',
    check: responseSchema,
    spec: tiny,
    operation: 'getItem',
    response: { body: { id: 'ab123', price: '1.00', rate: 12 } },
    findings: ['$.rate pattern ^\\d{1,3}\\.\\d{1,9}$ (on the number as text)'],
    warning: true,
  },
  {
    name: 'the errors envelope',
    check: errorBody,
    response: { status: 404, body: { errors: [{ code: 'NOT_FOUND', title: 'Not found', detail: 'No such account.' }] } },
    findings: [],
  },
  {
    name: 'an error body without errors',
    check: errorBody,
    response: { status: 404, body: { message: 'not found' } },
    findings: ['$.errors required'],
  },
  {
    name: 'fourteen errors',
    check: errorBody,
    response: { status: 422, body: { errors: Array.from({ length: 14 }, () => ({ code: 'X', title: 'X', detail: 'X' })) } },
    findings: ['$.errors maxItems 13'],
  },
  {
    name: 'the declared x-fapi-interaction-id on a 200',
    check: responseHeaders,
    response: { headers: { 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' }, body: detail(account) },
    findings: [],
  },
  {
    name: 'a 200 without the x-fapi-interaction-id it declares required',
    check: responseHeaders,
    response: { body: detail(account) },
    findings: ['header x-fapi-interaction-id required'],
  },
  {
    name: 'an x-fapi-interaction-id that is not a UUID',
    check: responseHeaders,
    response: { headers: { 'x-fapi-interaction-id': 'not-a-uuid' }, body: detail(account) },
    findings: [
      'header x-fapi-interaction-id format uuid',
      'header x-fapi-interaction-id pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    ],
  },
  { name: 'an HTTP date', check: dateHeader, response: { body: detail(account) }, findings: [] },
  {
    name: 'an ISO date in the Date header',
    check: dateHeader,
    response: { headers: { date: '2024-05-07T12:00:00Z' }, body: detail(account) },
    findings: ['header date IMF-fixdate'],
  },
  {
    name: 'the interaction id echoed',
    check: interactionIdEcho,
    sent: { 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' },
    response: { headers: { 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' }, body: detail(account) },
    findings: [],
  },
  {
    name: 'another interaction id',
    check: interactionIdEcho,
    sent: { 'x-fapi-interaction-id': 'd78fc4e5-37ca-4da3-adf2-9b082bf92280' },
    response: { headers: { 'x-fapi-interaction-id': '00000000-37ca-4da3-adf2-9b082bf92280' }, body: detail(account) },
    findings: ['header x-fapi-interaction-id echoed'],
  },
  {
    name: 'requestDateTime with milliseconds',
    check: requestDateTime,
    response: { body: detail(account, { totalRecords: 1, totalPages: 1, requestDateTime: '2024-05-07T12:00:00.000Z' }) },
    findings: ['$.meta.requestDateTime yyyy-MM-ddTHH:mm:ssZ (maxLength 20)'],
  },
  { name: 'requestDateTime as the rules say', check: requestDateTime, response: { body: detail(account) }, findings: [] },
];

describe('exchange checks on hand-built exchanges', () => {
  it.each(CASES)(
    '$check.id: $name',
    ({ check, spec = accounts, operation = 'accountsGetAccountsAccountId', response, sent, findings, warning }) => {
      const exchange = fakeExchange(spec, operation, response, sent);
      const ctx = fakeContext(spec, operation, [exchange]);
      expect(check.selects(exchange, ctx)).toBe(true);
      const found = check.inspect(exchange, ctx);
      // Exactly these findings (order aside): an extra, a repeated or a missing one fails the case.
      expect(found.map((f) => `${f.path ?? ''} ${f.rule ?? ''}`).sort()).toEqual([...findings].sort());
      if (warning !== undefined) expect(found.every((f) => (f.severity === 'warning') === warning)).toBe(true);
    },
  );
});
