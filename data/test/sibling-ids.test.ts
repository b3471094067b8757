/**
 * List ⇄ detail on a spec no domain model knows, where a list item carries two ids (a payment and the consent
 * it belongs to): the detail reached by the payment's id shows the consent the list showed for it, not the
 * world's first consent. A query parameter naming an id the items show filters the list: only the items that
 * carry the asked value, each as the unfiltered list shows it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../index.ts';
import { loadSpec } from '../../specs/load.ts';
import { findOperation } from '../../specs/lookup.ts';

const SPEC = fileURLToPath(new URL('./fixtures/sibling-ids.yaml', import.meta.url));

describe('a detail reached by a listed id', () => {
  it('repeats every sibling id and field the list showed for that item', async () => {
    const spec = await loadSpec(SPEC);
    const world = createWorld({ seed: 3, now: new Date('2026-05-10T12:00:00Z') });
    const list = world.resolve(spec, findOperation(spec, 'listPayments'), { pathParams: {}, query: {} });
    if (list.kind !== 'page') throw new Error(`the list answered ${list.kind}`);
    const items = list.render(0, list.total) as Array<{ paymentId: string; consentId: string; amount: string }>;
    expect(new Set(items.map((item) => item.consentId)).size, 'the items name different consents').toBeGreaterThan(1);
    for (const item of items) {
      const detail = world.resolve(spec, findOperation(spec, 'getPayment'), { pathParams: { paymentId: item.paymentId }, query: {} });
      if (detail.kind !== 'object') throw new Error(`the detail of ${item.paymentId} answered ${detail.kind}`);
      expect(detail.data).toEqual(item);
    }
  });
});

describe('a list filtered by an id its items show', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  type Payment = { paymentId: string; consentId: string; amount: string };

  async function pages(seed: number) {
    const spec = await loadSpec(SPEC);
    const world = createWorld({ seed, now });
    const listOf = (operationId: string, query: Record<string, string>): Payment[] => {
      const answer = world.resolve(spec, findOperation(spec, operationId), { pathParams: {}, query });
      if (answer.kind !== 'page') throw new Error(`the list answered ${answer.kind}`);
      return answer.render(0, answer.total) as Payment[];
    };
    return { spec, world, listOf };
  }

  it('lists only the items carrying the asked id, exactly as the unfiltered list shows them', async () => {
    const { listOf } = await pages(3);
    const all = listOf('listPayments', {});
    const consent = all[1]!.consentId;
    const filtered = listOf('listPayments', { consentId: consent });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered).toEqual(all.filter((item) => item.consentId === consent));
    expect(listOf('listPayments', { consentId: 'urn:nope:ZZZZZZ' })).toEqual([]);
  });

  it('the valid request of a list that requires the filter names a consent the world holds', async () => {
    const { spec, world, listOf } = await pages(5);
    const request = world.validRequest(spec, findOperation(spec, 'listConsentPayments'));
    const consentId = String(request.query.consentId);
    const consent = world.resolve(spec, findOperation(spec, 'getConsent'), { pathParams: { consentId }, query: {} });
    expect(consent.kind).toBe('object');
    const listed = listOf('listConsentPayments', { consentId });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((item) => item.consentId === consentId)).toBe(true);
  });
});
