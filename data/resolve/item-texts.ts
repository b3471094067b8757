/**
 * The JSON text of list items already rendered, per world. Item i of a stable
 * list is a pure function of (world, item plan, resource key, i) — its facts
 * and its PRNG stream depend on nothing else — so two windows of one statement
 * that overlap share their entries' text: a fresh page of entries seen before
 * costs a join, O(page-size), and only entries never rendered go through the
 * plan. The texts are the items' JSON.stringify, so a page joined from them is
 * byte for byte the JSON.stringify of the rendered array.
 *
 * Bounded by characters (ITEM_TEXT_CHARS, about 4 MB of one-byte strings),
 * least recently stored first out; a new world (a new day, another seed) starts
 * empty and the old one's texts go with it.
 */
import type { WorldCore } from '../domain/core.ts';
import type { Plan } from '../schema/plan.ts';

export const ITEM_TEXT_CHARS = 4 * 1024 * 1024;
/** What a Map entry and its key cost beside the text, counted against the bound. */
const ENTRY_OVERHEAD = 64;

const stores = new WeakMap<WorldCore, ItemTexts>();
const planIds = new WeakMap<Plan, number>();
let nextPlanId = 0;

export class ItemTexts {
  private readonly texts = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** The text of item `index` of the list `keyHash` rendered by `plan`, rendering it on first use. */
  text(plan: Plan, keyHash: number, index: number, render: () => unknown): string {
    const key = `${planId(plan)}:${keyHash}:${index}`;
    const known = this.texts.get(key);
    if (known !== undefined) return known;
    const text = JSON.stringify(render()) ?? 'null';
    this.texts.set(key, text);
    this.chars += text.length + ENTRY_OVERHEAD;
    for (const [oldKey, old] of this.texts) {
      if (this.chars <= this.maxChars) break;
      this.texts.delete(oldKey);
      this.chars -= old.length + ENTRY_OVERHEAD;
    }
    return text;
  }

  get size(): number {
    return this.texts.size;
  }

  get heldChars(): number {
    return this.chars;
  }
}

/** The store of a world. */
export function itemTextsOf(core: WorldCore): ItemTexts {
  let store = stores.get(core);
  if (!store) {
    store = new ItemTexts(ITEM_TEXT_CHARS);
    stores.set(core, store);
  }
  return store;
}

function planId(plan: Plan): number {
  let id = planIds.get(plan);
  if (id === undefined) {
    id = nextPlanId++;
    planIds.set(plan, id);
  }
  return id;
}
