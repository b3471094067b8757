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
 * Consecutive items asked as one window (a statement's entries between two
 * dates) are also kept as a run: one text of items [from, to) joined by commas,
 * grown to take in each later window that touches or nears it. A window inside
 * the run is a slice of it — no per-item work at all, and nothing copied — which
 * is what makes a fresh 1000-entry page cost little more than a cached one.
 *
 * Bounded by bytes (ITEM_TEXT_BYTES, 4 MiB; a run at most a quarter of it),
 * least recently stored first out; a new world (a new day, another seed) starts
 * empty and the old one's texts go with it.
 */
import type { WorldCore } from '../domain/core.ts';
import type { Plan } from '../schema/plan.ts';

const ITEM_TEXT_BYTES = 4 * 1024 * 1024;
/** What a Map entry and a Buffer cost beside the text, counted against the bound. */
const ENTRY_OVERHEAD = 160;
/** A gap this many items wide or less between a run and a new window is rendered to join them; a wider one starts a new run. */
const MAX_GAP_ITEMS = 2_000;
const COMMA = 0x2c;

const stores = new WeakMap<WorldCore, ItemTexts>();
const planIds = new WeakMap<Plan, number>();
let nextPlanId = 0;

/** Items [from, from + count) as one text, joined by commas; `starts[k]` is where item from + k begins. */
class Run {
  constructor(
    readonly from: number,
    readonly text: Buffer,
    /** count + 1 entries: the last is text.length + 1, as if a comma followed the last item. */
    readonly starts: Int32Array,
  ) {}

  get to(): number {
    return this.from + this.starts.length - 1;
  }

  covers(from: number, to: number): boolean {
    return from >= this.from && to <= this.to;
  }

  /** Items [from, to), joined by commas (a view into the run, not a copy). */
  slice(from: number, to: number): Buffer {
    return this.text.subarray(this.starts[from - this.from]!, this.starts[to - this.from]! - 1);
  }
}

/** The texts of one list (one plan, one resource), by item index. */
export class ListTexts {
  readonly texts = new Map<number, Buffer>();
  run?: Run;
  constructor(readonly key: string) {}

  get(index: number): Buffer | undefined {
    return this.texts.get(index) ?? (this.run?.covers(index, index + 1) ? this.run.slice(index, index + 1) : undefined);
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

  /**
   * Items [from, to) of `list` joined by commas, as a slice of the list's run: the run is made or grown to cover
   * them (items it lacks are rendered once with `renderAt`, or taken from the texts kept one by one).
   */
  consecutive(list: ListTexts, from: number, to: number, renderAt: (index: number) => unknown): Buffer {
    const run = list.run;
    if (run?.covers(from, to)) return run.slice(from, to);
    let low = from;
    let high = to;
    // A window that touches the run or lies near it grows the run; one far away starts a new run.
    if (run && from <= run.to + MAX_GAP_ITEMS && to >= run.from - MAX_GAP_ITEMS) {
      low = Math.min(run.from, from);
      high = Math.max(run.to, to);
    }
    const pieces: Buffer[] = [];
    let length = 0;
    for (let index = low; index < high; index++) {
      const piece =
        (run?.covers(index, index + 1) ? run.slice(index, index + 1) : list.texts.get(index)) ??
        Buffer.from(JSON.stringify(renderAt(index)) ?? 'null');
      pieces.push(piece);
      length += piece.length + 1;
    }
    const text = Buffer.allocUnsafeSlow(Math.max(0, length - 1));
    const starts = new Int32Array(pieces.length + 1);
    let offset = 0;
    pieces.forEach((piece, k) => {
      starts[k] = offset;
      offset += piece.copy(text, offset);
      if (k < pieces.length - 1) text[offset] = COMMA;
      offset++;
    });
    starts[pieces.length] = offset;
    const grown = new Run(low, text, starts);
    if (text.length + ENTRY_OVERHEAD > this.maxBytes / 4) return grown.slice(from, to);
    // The run now holds what the single texts of its items held.
    for (let index = low; index < high; index++) {
      const single = list.texts.get(index);
      if (single === undefined) continue;
      list.texts.delete(index);
      this.bytes -= single.length + ENTRY_OVERHEAD;
      this.count--;
    }
    if (run) this.bytes -= run.text.length + ENTRY_OVERHEAD;
    list.run = grown;
    this.bytes += text.length + ENTRY_OVERHEAD;
    if (!this.lists.has(list.key)) this.lists.set(list.key, list);
    while (this.bytes > this.maxBytes && this.lists.size > 0) this.evictOne();
    return grown.slice(from, to);
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

  /** The oldest list's oldest single text, or its run once it has none. */
  private evictOne(): void {
    for (const [key, list] of this.lists) {
      let evicted = false;
      for (const [index, text] of list.texts) {
        list.texts.delete(index);
        this.bytes -= text.length + ENTRY_OVERHEAD;
        this.count--;
        evicted = true;
        break;
      }
      if (!evicted && list.run) {
        this.bytes -= list.run.text.length + ENTRY_OVERHEAD;
        list.run = undefined;
      }
      if (list.texts.size === 0 && !list.run) this.lists.delete(key);
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
