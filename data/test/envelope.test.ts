/**
 * `aferir data` bodies follow the paging rules the mock answers with
 * (data/paging.ts): self is the page asked for, first/prev only after page
 * one, next only before the last page, Belvo's previous/next likewise.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/load.ts';
import { findOperation } from '../../specs/lookup.ts';
import { buildEnvelope, createWorld } from '../index.ts';
import { NOW } from './helpers.ts';

describe('buildEnvelope paging', () => {
  it('OFB transactions: links on the first, a middle and the last page', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const operation = findOperation(spec, 'accountsGetAccountsAccountIdTransactions');
    const world = createWorld({ seed: 1, now: NOW });
    const request = world.validRequest(spec, operation, 0);
    const answer = world.resolve(spec, operation, request);
    expect(answer.kind).toBe('page');
    const total = (answer as { total: number }).total;
    expect(total).toBeGreaterThan(6);
    const lastPage = Math.ceil(total / 3);
    const body = (page: number) =>
      buildEnvelope(spec, operation, answer, { page, pageSize: 3, pathParams: request.pathParams, requestDateTime: NOW }) as {
        links: Record<string, string>;
        data: unknown[];
      };

    const first = body(1);
    expect(Object.keys(first.links).sort()).toEqual(['next', 'self']);
    expect(first.links.self).toMatch(/\/open-banking\/accounts\/v2\/accounts\/[^/]+\/transactions\?page-size=3&page=1$/);
    expect(first.data).toHaveLength(3);

    const middle = body(2);
    expect(Object.keys(middle.links).sort()).toEqual(['first', 'next', 'prev', 'self']);
    expect(middle.links.prev).toMatch(/page=1$/);
    expect(middle.links.next).toMatch(/page=3$/);

    const last = body(lastPage);
    expect(last.links.next).toBeUndefined();
    expect(last.links.prev).toMatch(new RegExp(`page=${lastPage - 1}$`));
    expect(last.data).toHaveLength(total - 3 * (lastPage - 1));
  });

  it('Belvo: count, previous and next', async () => {
    const spec = await loadSpec('belvo-accounts-1.223.0');
    const operation = findOperation(spec, 'listAccounts');
    const world = createWorld({ seed: 1, now: NOW });
    const answer = world.resolve(spec, operation, world.validRequest(spec, operation, 0));
    const total = (answer as { total: number }).total;
    expect(total).toBeGreaterThan(2);
    const first = buildEnvelope(spec, operation, answer, { page: 1, pageSize: 2, requestDateTime: NOW }) as BelvoPage;
    expect(first).toMatchObject({ count: total, previous: null });
    expect(first.next).toMatch(/\/api\/accounts\/\?page_size=2&page=2$/);
    const second = buildEnvelope(spec, operation, answer, { page: 2, pageSize: 2, requestDateTime: NOW }) as BelvoPage;
    expect(second.previous).toMatch(/page=1$/);
  });
});

/** Belvo's page: the members the test reads. */
interface BelvoPage {
  count: number;
  next: string | null;
  previous: string | null;
}
