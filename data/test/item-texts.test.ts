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
