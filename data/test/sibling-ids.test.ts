/**
 * List ⇄ detail on a spec no domain model knows, where a list item carries two ids (a payment and the consent
 * it belongs to): the detail reached by the payment's id shows the consent the list showed for it, not the
 * world's first consent.
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
