/**
 * Property test: random and mutated requests against every operation of every
 * bundled spec (fixed seed, bounded runs). Whatever arrives, the mock never
 * crashes, never answers a 5xx it was not asked for, answers every documented
 * status with a body valid against that status's schema and every other one in
 * the family's error shape, and keeps serving.
 */
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { familyOf } from '../../../families/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseFor } from '../../../specs/lookup.ts';
import type { LoadedSpec, Operation } from '../../../specs/types.ts';
import { startMock, type RunningMock } from '../start.ts';
import { BASIC, INTERACTION_ID, specProblems, type Answer } from './helpers.ts';

const RUNS = Number(process.env.AFERIR_FUZZ_RUNS ?? 400);
let mock: RunningMock;
const log: string[] = [];
let targets: Array<{ spec: LoadedSpec; operation: Operation }>;

beforeAll(async () => {
  mock = await startMock({
    port: 0,
    now: new Date('2026-05-10T12:00:00Z'),
    log: (line) => log.push(line),
    quiet: true,
    maxBodyBytes: 64 * 1024,
  });
  targets = mock.specs.flatMap((spec) => spec.operations.map((operation) => ({ spec, operation })));
});
afterAll(() => mock.close());

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 120 });
const HEADER_NAMES = [
  'authorization',
  'x-fapi-interaction-id',
  'accept',
  'content-type',
  'prefer',
  'x-fapi-auth-date',
  'x-customer-user-agent',
  'x-fapi-customer-ip-address',
  'x-forwarded-proto',
  'origin',
];
const QUERY_NAMES = [
  'page',
  'page-size',
  'page_size',
  'pagination-key',
  'fromBookingDate',
  'toBookingDate',
  'creditDebitIndicator',
  'accountType',
  'link',
  'id__in',
  'balance__current__range',
  'created_at__gte',
  'category',
  'fields',
  'omit',
  'unknown',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('method' as const), method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') }),
  fc.record({ kind: fc.constant('drop-header' as const), name: fc.constantFrom(...HEADER_NAMES) }),
  fc.record({
    kind: fc.constant('header' as const),
    name: fc.constantFrom(...HEADER_NAMES),
    value: fc.oneof(
      printable,
      fc.constantFrom(
        'Bearer aferir:',
        'Bearer aferir:ACCOUNTS_READ',
        'Basic Og==',
        'application/xml',
        '*/*',
        'code=404',
        'code=500',
        'example=default',
        'code=200, example=nope',
        'not-a-uuid',
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('query' as const),
    name: fc.constantFrom(...QUERY_NAMES),
    value: fc.oneof(printable, fc.constantFrom('0', '1001', '-1', '2147483648', '1e3', '2026-02-30', 'CREDITO', ',', '1,2,3')),
  }),
  fc.record({
    kind: fc.constant('raw-query' as const),
    text: fc.constantFrom('%zz', '%E0%A4%A', 'a=%', '&&&', '=x', 'page-size=%31%30%30%31', 'page=%FF', '%00=%00', 'a[b]=c'),
  }),
  fc.record({ kind: fc.constant('path-param' as const), value: printable }),
  fc.record({
    kind: fc.constant('path-suffix' as const),
    text: fc.constantFrom('/', '//', '/extra', '/..', '/%2e%2e', '%00', '%zz', '/%C0%AF'),
  }),
  fc.record({ kind: fc.constant('body-raw' as const), text: printable }),
  fc.record({ kind: fc.constant('body-json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('body-leaf' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('big-body' as const), size: fc.constantFrom(70 * 1024, 200 * 1024) }),
  // Bytes that are not UTF-8 (a stray 0xFF, an overlong '/', a surrogate, a truncated sequence) spliced into the body.
  fc.record({
    kind: fc.constant('body-bad-utf8' as const),
    at: fc.nat(),
    bytes: fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

interface Draft {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function draftFor(spec: LoadedSpec, operation: Operation, variant: number): { draft: Draft; bodyValue: unknown } {
  const generated = mock.world().validRequest(spec, operation, variant);
  const headers: Record<string, string> = { ...generated.headers };
  if (familyOf(spec) === 'belvo') headers.authorization = BASIC;
  // Opus documents 401 without naming a scheme: a bearer token gets the fuzzed body read.
  else if (familyOf(spec) === 'opus') headers.authorization = 'Bearer fuzz';
  // A public host for links: ajv-formats' `url` (the specs' link format) rejects loopback hosts; see e2e.test.ts.
  else if (familyOf(spec) !== 'opus')
    Object.assign(headers, {
      authorization: 'Bearer fuzz',
      'x-fapi-interaction-id': INTERACTION_ID,
      'x-customer-user-agent': 'aferir-fuzz/1.0',
      'x-forwarded-host': `bank.aferir.example:${mock.port}`,
    });
  const path = `${spec.basePath}${operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(generated.pathParams[name]!))}`;
  const draft: Draft = { method: operation.method, path, query: new URLSearchParams(generated.query).toString(), headers };
  if (generated.body !== undefined) {
    draft.body = JSON.stringify(generated.body);
    headers['content-type'] = 'application/json';
  }
  return { draft, bodyValue: generated.body };
}

function apply(draft: Draft, bodyValue: unknown, operation: Operation, m: Mutation): void {
  switch (m.kind) {
    case 'method':
      draft.method = m.method;
      break;
    case 'drop-header':
      delete draft.headers[m.name];
      break;
    case 'header':
      draft.headers[m.name] = m.value;
      break;
    case 'query':
      draft.query += `${draft.query ? '&' : ''}${encodeURIComponent(m.name)}=${encodeURIComponent(m.value)}`;
      break;
    case 'raw-query':
      draft.query += `${draft.query ? '&' : ''}${m.text}`;
      break;
    case 'path-param': {
      const names = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      if (names.length > 0) draft.path = draft.path.replace(/[^/]+$/, encodeURIComponent(m.value) || 'x');
      break;
    }
    case 'path-suffix':
      draft.path += m.text;
      break;
    case 'body-raw':
      draft.body = m.text;
      break;
    case 'body-json':
      draft.body = JSON.stringify(m.value);
      break;
    case 'body-leaf': {
      if (bodyValue === undefined) break;
      const copy = structuredClone(bodyValue);
      const leaves = leafPaths(copy);
      if (leaves.length === 0) break;
      const [parent, key] = leaves[m.pick % leaves.length]!;
      (parent as Record<string | number, unknown>)[key] = m.value;
      draft.body = JSON.stringify(copy);
      break;
    }
    case 'big-body':
      draft.body = `{"x":"${'y'.repeat(m.size)}"}`;
      break;
    case 'body-bad-utf8': {
      const bytes = Buffer.from(draft.body ?? '{}');
      const at = m.at % (bytes.length + 1);
      draft.body = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
      break;
    }
  }
}

function leafPaths(node: unknown, out: Array<[object, string | number]> = []): Array<[object, string | number]> {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      out.push([node, Array.isArray(node) ? Number(key) : key]);
      leafPaths(value, out);
    }
  }
  return out;
}

function send(draft: Draft): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...draft.headers };
    if (draft.body !== undefined) headers['content-length'] = Buffer.byteLength(draft.body);
    // Raw path (no WHATWG URL parsing), so `..` and odd escapes reach the mock as sent.
    const req = httpRequest(
      { host: mock.host, port: mock.port, path: `${draft.path}${draft.query ? `?${draft.query}` : ''}`, method: draft.method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = Symbol('not json');
          }
          const h = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) h.set(name, Array.isArray(value) ? value.join(', ') : value);
          resolve({ status: res.statusCode ?? 0, headers: h, text, body });
        });
      },
    );
    // The mock may close the connection after a 413 while the body is still being written: that is an answer too.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve({ status: 0, headers: new Headers(), text: '', body: undefined })
        : reject(error),
    );
    if (draft.body !== undefined) req.write(draft.body);
    req.end();
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
function notUtf8(body: string | Buffer | undefined): boolean {
  if (!Buffer.isBuffer(body)) return false;
  try {
    STRICT_UTF8.decode(body);
    return false;
  } catch {
    return true;
  }
}

/** The family's error shape, for statuses the operation does not document (405 on Belvo, 413, 415…). */
function hasFamilyShape(spec: LoadedSpec, body: any): boolean {
  if (familyOf(spec) === 'belvo')
    return (
      Array.isArray(body) &&
      body.every((e) => typeof e.code === 'string' && typeof e.message === 'string' && /^[a-f0-9]{32}$/.test(e.request_id))
    );
  if (familyOf(spec) === 'originator') return typeof body?.code === 'string' && typeof body?.message === 'string';
  return (
    Array.isArray(body?.errors) &&
    body.errors.length > 0 &&
    body.errors.every((e: any) => ['code', 'title', 'detail'].every((k) => typeof e[k] === 'string'))
  );
}

describe('fuzzing every operation', () => {
  it(`survives ${RUNS} random and mutated requests, answering only in the spec`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(2), fc.array(mutation, { maxLength: 4 }), async (pick, variant, mutations) => {
        const { spec, operation } = targets[pick % targets.length]!;
        const { draft, bodyValue } = draftFor(spec, operation, variant);
        for (const m of mutations) apply(draft, bodyValue, operation, m);
        const answer = await send(draft);
        if (answer.status === 0) return; // connection closed after a 413: checked below that the mock still serves
        const asked = answer.headers.get('preference-applied') ?? '';
        const context = `${draft.method} ${draft.path}?${draft.query} ${JSON.stringify(mutations).slice(0, 400)} → ${answer.status} ${answer.text.slice(0, 300)}`;
        expect(answer.status >= 500 && !asked.includes(`code=${answer.status}`), `unexpected ${answer.status}: ${context}`).toBe(false);
        if (operation.requestBody !== undefined && notUtf8(draft.body) && !asked) {
          expect(answer.status >= 200 && answer.status < 300, `accepted a body that is not UTF-8: ${context}`).toBe(false);
        }
        if (answer.status === 204 || draft.method === 'HEAD') return;
        expect(typeof answer.body === 'symbol', `not JSON: ${context}`).toBe(false);
        if (answer.status === 431) return;
        const projected = /(^|&)(fields|omit)=/.test(draft.query) && familyOf(spec) === 'belvo' && answer.status === 200;
        const sameRoute = answer.status !== 404 && answer.status !== 405;
        if (responseFor(operation, answer.status) && sameRoute && !projected) {
          expect(specProblems(spec, operation, answer), context).toEqual([]);
        } else if (answer.status >= 400) {
          expect(hasFamilyShape(spec, answer.body), `error shape: ${context}`).toBe(true);
        }
      }),
      { seed: Number(process.env.AFERIR_FUZZ_SEED ?? 20240510), numRuns: RUNS, endOnFailure: true },
    );
    const alive = await send({ method: 'GET', path: '/_aferir/apis', query: '', headers: {} });
    expect(alive.status).toBe(200);
    expect(log.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});
