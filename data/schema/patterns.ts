/**
 * Strings that match a spec's regular expression: randexp draws a candidate
 * from the pattern with our seeded PRNG, and the candidate is tested against
 * the compiled regex (randexp ignores lookarounds, so a draw can miss); the
 * caller retries or falls back. One randexp instance per (pattern, repetition
 * cap), built once.
 */
import { compilePattern, RandExp } from '../../specs/pattern-health.ts';
import { itemAt, type Rng } from '../random.ts';

interface Sampler {
  generator: RandExp;
  regex: RegExp;
}

const samplers = new Map<string, Sampler | null>();

/** Printable ASCII minus the characters that make realistic text look like line noise (quotes, backslash, braces). */
const TEXT_RANGE: Array<[number, number]> = [
  [0x20, 0x21],
  [0x23, 0x26],
  [0x28, 0x5b],
  [0x5d, 0x5f],
  [0x61, 0x7a],
];

let current: Rng | undefined;

function sampler(pattern: string, max: number): Sampler | null {
  const key = `${max}\u0000${pattern}`;
  let found = samplers.get(key);
  if (found !== undefined) return found;
  try {
    const regex = compilePattern(pattern);
    const generator = new RandExp(regex);
    generator.max = max;
    generator.defaultRange.subtract(0, 0x10ffff);
    for (const [from, to] of TEXT_RANGE) generator.defaultRange.add(from, to);
    generator.randInt = (a: number, b: number) => a + Math.floor((current?.next() ?? Math.random()) * (b - a + 1));
    found = { generator, regex };
  } catch {
    found = null;
  }
  samplers.set(key, found);
  return found;
}

/**
 * A string drawn from `pattern` that passes `accept`, or undefined after `attempts` misses.
 * Repetition caps grow from short to longer so that `{22,67}`-style minimums are reachable.
 */
export function sampleFromPattern(pattern: string, rng: Rng, accept: (value: string) => boolean, attempts = 24): string | undefined {
  const caps = [6, 12, 24, 64];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const s = sampler(pattern, itemAt(caps, Math.min(caps.length - 1, Math.floor(attempt / 6))));
    if (!s) return undefined;
    current = rng;
    let candidate: string;
    try {
      candidate = s.generator.gen();
    } finally {
      current = undefined;
    }
    if (s.regex.test(candidate) && accept(candidate)) return candidate;
  }
  return undefined;
}
