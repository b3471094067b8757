/**
 * Deterministic randomness. Every value the engine produces comes from a small
 * PRNG seeded by hashing (world seed, resource key, index), so item i of any
 * list is a pure function of those three and can be produced on its own, in
 * any order, without producing items 0..i-1 first.
 */

/** FNV-1a over the UTF-16 code units, finished with a murmur3 mix so that close keys spread out. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** Combines two 32-bit values into one well-mixed 32-bit value (order matters). */
export function mix(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b | 0, 0xc2b2ae35)) | 0);
}

function fmix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) that depends only on the two inputs: for O(1) lookups such as "the jitter of item i". */
export function unit(a: number, b: number): number {
  return mix(a, b) / 4294967296;
}

/** mulberry32: tiny, fast and good enough for test data; one instance per item, never shared across items. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [low, high], both inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** A float in [low, high). */
  float(low: number, high: number): number {
    return low + this.next() * (high - low);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length));
  }

  /** Picks by weight: `weights[i]` is the relative chance of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let roll = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll < 0) return items[i]!;
    }
    return itemAt(items, items.length - 1);
  }

  /** `count` decimal digits as a string (leading zeros allowed). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return out;
  }

  hex(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return out;
  }

  /** A random (version 4, RFC 4122 variant) UUID drawn from this stream. */
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A fresh stream derived from this one (for a sub-part that must not shift the parent's draws). */
  fork(label: number): Rng {
    return new Rng(mix(this.state, label));
  }
}

/** The seed string of a world as a 32-bit number. */
export function seedHash(seed: string): number {
  return hashString(`aferir:${seed}`);
}

/** A stream for (world, key, index): the building block of lazy, order-independent generation. */
export function rngFor(world: number, key: string | number, index = 0): Rng {
  const k = typeof key === 'number' ? key : hashString(key);
  return new Rng(mix(mix(world, k), index));
}

/** `items[index]` where the caller's arithmetic keeps the index in range; a bug otherwise, so it throws rather than answer undefined. */
export function itemAt<T>(items: readonly T[], index: number): T {
  if (!(index >= 0 && index < items.length)) throw new RangeError(`index ${index} is outside a list of ${items.length}`);
  return items[index] as T;
}
