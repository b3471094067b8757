/**
 * Webhook-style operations (issue 11): a path id no list yields, no POST of the API creates and
 * no 404 guards is the caller's to make up, so the valid request uses any value of its schema.
 * An id a POST creates, or one the operation can answer 404 for, still needs discovery or --param.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/server/start.ts';
import { loadSpec } from '../../specs/load.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import { isCallerSupplied } from '../plan/caller-supplied.ts';
import { inputsOf } from '../plan/inputs.ts';
import type { RunResults } from '../result-model.ts';
import { runQuietly } from './helpers.ts';

const ID = { type: 'string', pattern: '^evt-[0-9]{4}$', maxLength: 8 };
const ACCEPTED = { description: 'accepted' };
const NOT_FOUND = { description: 'unknown', content: { 'application/json': { schema: { type: 'object' } } } };
const BODY = {
  required: true,
  content: {
    'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['DONE'] } } } },
  },
};
const SPEC = {
  openapi: '3.0.0',
  info: { title: 'hooks', version: '1.0.0' },
  servers: [{ url: 'https://example.test/hooks/v1' }],
  paths: {
    '/events/{eventId}': {
      post: {
        operationId: 'notifyEvent',
        parameters: [{ name: 'eventId', in: 'path', required: true, schema: ID }],
        requestBody: BODY,
        responses: { '202': ACCEPTED },
      },
    },
    '/guarded/{eventId}': {
      post: {
        operationId: 'notifyGuarded',
        parameters: [{ name: 'eventId', in: 'path', required: true, schema: ID }],
        requestBody: BODY,
        responses: { '202': ACCEPTED, '404': NOT_FOUND },
      },
    },
    '/orders': { post: { operationId: 'createOrder', requestBody: BODY, responses: { '202': ACCEPTED } } },
    '/orders/{orderId}': {
      post: {
        operationId: 'notifyOrder',
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: ID }],
        requestBody: BODY,
        responses: { '202': ACCEPTED },
      },
    },
  },
};

let dir: string;
let spec: LoadedSpec;
let mock: Awaited<ReturnType<typeof startMock>>;
let run: RunResults;
let specFile: string;
/** A receiver with the defect the rule lets aferir see: it refuses ids it never issued, though the spec documents no 404. */
let refusing: http.Server;
let refusingUrl: string;

beforeAll(async () => {
  refusing = http.createServer((request, response) => {
    request.resume();
    const unknown = /\/events\//.test(request.url ?? '');
    response.writeHead(unknown ? 404 : 202, unknown ? { 'content-type': 'application/json' } : {});
    response.end(unknown ? JSON.stringify({ errors: [{ code: 'NOT_FOUND', title: 'unknown', detail: 'unknown id' }] }) : undefined);
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/hooks/v1`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'aferir-hooks-'));
  const file = path.join(dir, 'hooks.json');
  await writeFile(file, JSON.stringify(SPEC));
  specFile = file;
  spec = await loadSpec(file);
  mock = await startMock({ port: 0, loaded: [spec], seed: 1, quiet: true });
  run = await runQuietly({ suites: [{ spec: file, target: mock.apis[0]!.url }] });
});

afterAll(async () => {
  await mock?.close();
  await new Promise((resolve) => refusing?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function callerSupplied(operationId: string): boolean {
  const operation = spec.operations.find((op) => op.id === operationId)!;
  const [input] = inputsOf(spec, operation);
  return isCallerSupplied(spec, operation, input!);
}

describe('ids the caller supplies', () => {
  it('is the rule: no list, no creating POST, no 404', () => {
    expect(callerSupplied('notifyEvent')).toBe(true);
    expect(callerSupplied('notifyGuarded')).toBe(false);
    expect(callerSupplied('notifyOrder')).toBe(false);
  });

  it('the webhook-style operation is called with an id of its schema and judged', () => {
    const valid = run.results.find((r) => r.operation === 'notifyEvent' && r.check === 'status-documented');
    expect(valid?.status).toBe('passed');
    expect(decodeURIComponent(new URL(valid!.request!.url).pathname.split('/').pop()!)).toMatch(/^evt-[0-9]{4}$/);
    expect(valid?.response?.status).toBe(202);
  });

  it('a receiver that refuses a made-up id fails the valid request, with the status it answered', async () => {
    const broken = await runQuietly({ suites: [{ spec: specFile, target: refusingUrl }] });
    const valid = broken.results.find((r) => r.operation === 'notifyEvent' && r.check === 'valid-request');
    expect(valid?.status).toBe('failed');
    expect(valid?.message).toMatch(/expected 202, got 404/);
  });

  it('an id a 404 guards, or a POST creates, still asks for a value', () => {
    for (const operation of ['notifyGuarded', 'notifyOrder']) {
      const valid = run.results.find((r) => r.operation === operation && r.check === 'status-documented');
      expect(valid?.status).toBe('skipped');
      expect(valid?.message).toMatch(/no value for path parameter \{\w+\}: no list operation returns it/);
    }
  });
});
