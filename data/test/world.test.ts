import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/load.ts';
import { findOperation } from '../../specs/lookup.ts';
import { buildEnvelope, createWorld } from '../index.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

describe('createWorld', () => {
  it('lists accounts whose ids resolve on every account route, and answers not-found for others', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const world = createWorld({ seed: 7, now: NOW });
    const list = world.resolve(spec, findOperation(spec, 'accountsGetAccounts'), { pathParams: {}, query: {} });
    expect(list.kind).toBe('page');
    if (list.kind !== 'page') return;
    expect(list.total).toBeGreaterThan(0);
    const items = list.render(0, list.total) as Array<{ accountId: string; number: string }>;
    for (const item of items) {
      for (const id of [
        'accountsGetAccountsAccountId',
        'accountsGetAccountsAccountIdBalances',
        'accountsGetAccountsAccountIdOverdraftLimits',
      ]) {
        const answer = world.resolve(spec, findOperation(spec, id), { pathParams: { accountId: item.accountId }, query: {} });
        expect(answer.kind).toBe('object');
      }
      const detail = world.resolve(spec, findOperation(spec, 'accountsGetAccountsAccountId'), {
        pathParams: { accountId: item.accountId },
        query: {},
      });
      expect(detail.kind === 'object' && (detail.data as { number: string }).number).toBe(item.number);
    }
    const missing = world.resolve(spec, findOperation(spec, 'accountsGetAccountsAccountId'), {
      pathParams: { accountId: 'nao-existe' },
      query: {},
    });
    expect(missing.kind).toBe('not-found');
  });

  it('shows the same accounts to OFB and Opus for the same seed', async () => {
    const ofb = await loadSpec('ofb-accounts-2.4.1');
    const opus = await loadSpec('opus-accounts-2.4.1');
    const world = createWorld({ seed: 'banco', now: NOW });
    const ofbList = world.resolve(ofb, findOperation(ofb, 'accountsGetAccounts'), { pathParams: {}, query: {} });
    const opusOperation = findOperation(opus, 'accountsGetAccounts');
    const opusList = world.resolve(opus, opusOperation, { pathParams: {}, query: {}, body: world.validRequest(opus, opusOperation).body });
    if (ofbList.kind !== 'page' || opusList.kind !== 'page') throw new Error('lists expected');
    const ofbIds = (ofbList.render(0, 50) as Array<{ accountId: string }>).map((a) => a.accountId);
    const opusIds = (opusList.render(0, 50) as Array<{ accountId: Array<{ value: string }> }>).map((a) => a.accountId[0]?.value);
    expect(opusIds).toEqual(ofbIds);
  });

  it('gives byte-identical bodies for the same seed and now, and different worlds for different seeds', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const operation = findOperation(spec, 'accountsGetAccountsAccountIdTransactions');
    const body = (seed: number) => {
      const world = createWorld({ seed, now: NOW });
      const request = world.validRequest(spec, operation);
      return JSON.stringify(
        buildEnvelope(spec, operation, world.resolve(spec, operation, request), { seed: String(seed), requestDateTime: NOW }),
      );
    };
    expect(body(3)).toBe(body(3));
    expect(body(3)).not.toBe(body(4));
  });
});

describe('a spec no domain model knows', () => {
  it('lists ids that its detail route resolves, and not-found for any other id', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'aferir-data-')), 'things.yaml');
    writeFileSync(
      file,
      `openapi: 3.0.3
info: { title: Things, version: 1.0.0 }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  data:
                    type: array
                    items:
                      type: object
                      required: [thingId, name, cpf]
                      properties:
                        thingId: { type: string, pattern: '^T-[0-9]{6}$' }
                        name: { type: string }
                        cpf: { type: string, pattern: '^\\\\d{11}$' }
  /things/{thingId}:
    get:
      operationId: getThing
      parameters:
        - { name: thingId, in: path, required: true, schema: { type: string, pattern: '^T-[0-9]{6}$' } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: { type: object, required: [thingId], properties: { thingId: { type: string, pattern: '^T-[0-9]{6}$' } } }
`,
    );
    const spec = await loadSpec(file);
    const world = createWorld({ seed: 1, now: NOW });
    const list = world.resolve(spec, findOperation(spec, 'listThings'), { pathParams: {}, query: {} });
    if (list.kind !== 'page') throw new Error('page expected');
    const items = list.render(0, list.total) as Array<{ thingId: string; cpf: string }>;
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) {
      expect(item.thingId).toMatch(/^T-\d{6}$/);
      const detail = world.resolve(spec, findOperation(spec, 'getThing'), { pathParams: { thingId: item.thingId }, query: {} });
      expect(detail.kind === 'object' && (detail.data as { thingId: string }).thingId).toBe(item.thingId);
    }
    expect(world.resolve(spec, findOperation(spec, 'getThing'), { pathParams: { thingId: 'T-999999x' }, query: {} }).kind).toBe(
      'not-found',
    );
    expect(world.validRequest(spec, findOperation(spec, 'getThing')).pathParams.thingId).toBe(items[0]?.thingId);
  });
});
