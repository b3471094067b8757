/**
 * The JSON text of list items already rendered, per world. Item i of a stable
 * list is a pure function of (world, item plan, resource key, i) — its facts
 * and its PRNG stream depend on nothing else — so two windows of one statement
 * that overlap share their entries' text: a fresh page of entries seen before
 * costs a join, O(page-size), and only entries never rendered go through the
 * plan. The texts are the items' JSON.stringify, kept UTF-8 encoded so that a
 * page is copied, not re-encoded: a page joined from them is byte for byte the
 * UTF-8 of JSON.stringify of the rendered array.
 *
 * Bounded by bytes (ITEM_TEXT_BYTES, 4 MiB),
 * least recently stored first out; a new world (a new day, another seed) starts
 * empty and the old one's texts go with it.
 */
import type { WorldCore } from '../domain/core.ts';
import type { Plan } from '../schema/plan.ts';

const ITEM_TEXT_BYTES = 4 * 1024 * 1024;
/** What a Map entry and a Buffer cost beside the text, counted against the bound. */
const ENTRY_OVERHEAD = 160;

const stores = new WeakMap<WorldCore, ItemTexts>();
const planIds = new WeakMap<Plan, number>();
let nextPlanId = 0;

/** The texts of one list (one plan, one resource), by item index. */
export class ListTexts {
  readonly texts = new Map<number, Buffer>();
  constructor(readonly key: string) {}

  get(index: number): Buffer | undefined {
    return this.texts.get(index);
  }
}

export class ItemTexts {
  /** Lists in the order they were first kept: eviction takes the oldest list's oldest texts first. */
  private readonly lists = new Map<string, ListTexts>();
  private bytes = 0;
  private count = 0;

  constructor(private readonly maxBytes: number) {}

  /** The texts of the list `keyHash` rendered by `plan` (created empty on first use). */
  list(plan: Plan, keyHash: number): ListTexts {
    const key = `${planId(plan)}:${keyHash}`;
    let list = this.lists.get(key);
    if (!list) {
      list = new ListTexts(key);
      this.lists.set(key, list);
    }
    return list;
  }

  /** Keeps the text of item `index` of `list` and returns it, encoded. */
  keep(list: ListTexts, index: number, json: string): Buffer {
    // Its own memory, not a slice of Node's shared pool: a kept slice would keep its whole 8 KB slab alive.
    const text = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    text.write(json);
    // A list emptied by eviction while a page was being joined is taken back in.
    if (!this.lists.has(list.key)) this.lists.set(list.key, list);
    list.texts.set(index, text);
    this.bytes += text.length + ENTRY_OVERHEAD;
    this.count++;
    while (this.bytes > this.maxBytes && this.lists.size > 0) this.evictOne();
    return text;
  }

  /** The text of item `index` of a list, rendering it on first use. */
  text(plan: Plan, keyHash: number, index: number, render: () => unknown): Buffer {
    const list = this.list(plan, keyHash);
    return list.get(index) ?? this.keep(list, index, JSON.stringify(render()) ?? 'null');
  }

  get size(): number {
    return this.count;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  private evictOne(): void {
    for (const [key, list] of this.lists) {
      for (const [index, text] of list.texts) {
        list.texts.delete(index);
        this.bytes -= text.length + ENTRY_OVERHEAD;
        this.count--;
        break;
      }
      if (list.texts.size === 0) this.lists.delete(key);
      return;
    }
  }
}

/** The store of a world. */
export function itemTextsOf(core: WorldCore): ItemTexts {
  let store = stores.get(core);
  if (!store) {
    store = new ItemTexts(ITEM_TEXT_BYTES);
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
