/**
 * A page joined from kept item texts is byte for byte the JSON of the page
 * rendered afresh, whichever windows were asked before (overlapping, shifted,
 * another filter), for every list operation of the bundled specs that keeps
 * its items' texts; and the store stays within its bound.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import { createWorld } from '../index.ts';
import { ItemTexts } from '../resolve/item-texts.ts';
import { NOW } from './helpers.ts';

describe('item texts', () => {
  it('joins pages identical to JSON.stringify of the rendered items, in any order of windows', async () => {
    let checked = 0;
    for (const entry of CATALOGUE) {
      const spec = await loadSpec(entry.id);
      // Two worlds of the same seed: one renders afresh only, the other answers from its kept texts.
      const fresh = createWorld({ seed: 'texts', now: NOW, recordsPerList: 40 });
      const kept = createWorld({ seed: 'texts', now: NOW, recordsPerList: 40 });
      for (const operation of spec.operations) {
        const request = kept.validRequest(spec, operation);
        const asked = { pathParams: request.pathParams, query: request.query, body: request.body };
        const answer = kept.resolve(spec, operation, asked);
        if (answer.kind !== 'page' || !answer.renderJson || answer.total === 0) continue;
        const reference = fresh.resolve(spec, operation, asked);
        if (reference.kind !== 'page') throw new Error(`${operation.id}: the two worlds disagree`);
        const third = Math.max(1, Math.floor(answer.total / 3));
        // Later windows first, overlapping the earlier ones, so that most items come from the store.
        for (const [offset, limit] of [
          [third, third * 2],
          [0, third + 1],
          [Math.max(0, answer.total - 2), 5],
          [0, answer.total],
        ] as const)
          expect(Buffer.concat(answer.renderJson(offset, limit)).toString(), `${spec.id} ${operation.id} [${offset}, +${limit})`).toBe(
            JSON.stringify(reference.render(offset, limit)),
          );
        checked++;
      }
    }
    // Statements, transactions-current, contracts, warranties, movements, generic lists… at least these many.
    expect(checked).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('answers consecutive windows from one run, byte for byte the items joined, near or far, grown or not', () => {
    const texts = new ItemTexts(1_000_000);
    const plan = () => ({});
    const list = texts.list(plan, 7);
    let rendered = 0;
    const itemAt = (index: number) => (rendered++, { index, text: `é${'x'.repeat(index % 13)}` });
    const expected = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => JSON.stringify({ index: from + k, text: `é${'x'.repeat((from + k) % 13)}` })).join(',');
    // A window inside, one that overlaps, one that touches, one past a small gap, one far away, then back.
    for (const [from, to] of [
      [100, 150],
      [120, 130],
      [140, 220],
      [80, 100],
      [240, 260],
      [50_000, 50_010],
      [100, 260],
    ] as const)
      expect(texts.consecutive(list, from, to, itemAt).toString(), `[${from}, ${to})`).toBe(expected(from, to));
    // Each item once while the run grew to [80, 260) (180), the far window's 10, then [100, 260) again: the far
    // window had replaced the run.
    expect(rendered).toBe(180 + 10 + 160);
    expect(list.get(105)?.toString()).toBe(expected(105, 106));
    expect(texts.heldBytes).toBeLessThanOrEqual(1_000_000);
  });

  it('keeps a run within a quarter of its bound, and evicts it like any text', () => {
    const texts = new ItemTexts(40_000);
    const plan = () => ({});
    const list = texts.list(plan, 1);
    const item = () => ({ entry: 'y'.repeat(90) });
    // 500 items of about 100 bytes is more than a quarter of the bound: answered, not kept.
    expect(texts.consecutive(list, 0, 500, item).length).toBeGreaterThan(40_000);
    expect(texts.heldBytes).toBe(0);
    texts.consecutive(list, 0, 50, item);
    expect(texts.heldBytes).toBeGreaterThan(5_000);
    for (let key = 2; key < 100; key++) texts.consecutive(texts.list(plan, key), 0, 50, item);
    expect(texts.heldBytes).toBeLessThanOrEqual(40_000);
    expect(list.get(0), 'the oldest run went first').toBeUndefined();
  });

  it('keeps no more characters than its bound, dropping the oldest texts first', () => {
    const texts = new ItemTexts(2_000);
    const plan = () => ({ entry: 'x'.repeat(100) });
    for (let i = 0; i < 1_000; i++) texts.text(plan, 1, i, () => plan());
    expect(texts.heldBytes).toBeLessThanOrEqual(2_000);
    expect(texts.size).toBeGreaterThan(0);
    let rendered = 0;
    texts.text(plan, 1, 999, () => (rendered++, plan()));
    expect(rendered).toBe(0);
    texts.text(plan, 1, 0, () => (rendered++, plan()));
    expect(rendered).toBe(1);
  });
});
