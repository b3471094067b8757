/**
 * An id of the same shape as a real one that (almost certainly) does not
 * exist: each character is rotated within its class (hex digits stay hex,
 * digits stay digits, letters stay letters), so the value still matches the
 * parameter's pattern and a correct server answers 404, not 400. When no
 * rotation satisfies the parameter's schema (no real id to start from, or a
 * pattern that pins characters), one is drawn from the schema itself: its
 * pattern through randexp, its length bounds, its uuid format.
 */
import { compilePattern, RandExp } from '../../specs/pattern-health.ts';
import type { JsonSchema, LoadedSpec } from '../../specs/types.ts';
import { isObjectSchema } from './schema-shape.ts';

/** Draws from a pattern before giving up on it (randexp ignores lookarounds, so some draws miss). */
const PATTERN_DRAWS = 64;

const HEX_ONLY = /^[0-9a-fA-F-]+$/;

export function unknownIdLike(spec: LoadedSpec, schema: JsonSchema | undefined, known: unknown, others: readonly unknown[]): unknown {
  const taken = new Set(others.map((value) => JSON.stringify(value)));
  const valid = (candidate: unknown) =>
    !taken.has(JSON.stringify(candidate)) && (schema === undefined || spec.validator.isValid(schema, candidate));
  for (const shift of [7, 3, 5, 1]) {
    const candidate = rotateValue(known, shift);
    if (valid(candidate)) return candidate;
  }
  if (typeof known === 'string' || known === undefined) return fromSchema(schema, valid) ?? 'aferir-unknown-id-0000';
  return rotateValue(known, 7);
}

/** A string the schema accepts that is nobody's id: a draw from its pattern, else a filler within its length and format. */
function fromSchema(schema: JsonSchema | undefined, valid: (candidate: unknown) => boolean): string | undefined {
  if (!isObjectSchema(schema)) return undefined;
  const generator = typeof schema.pattern === 'string' ? patternGenerator(schema.pattern) : undefined;
  for (let draw = 0; generator && draw < PATTERN_DRAWS; draw++) {
    const candidate = generator.gen();
    if (valid(candidate)) return candidate;
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 36;
  const fillers = ['00000000-0000-4000-8000-00000000af01', 'aferir-unknown-id-0000', 'AFERIRUNKNOWN0000', '9000000000000000000'];
  for (const filler of fillers) {
    const sized = filler.padEnd(min, '0').slice(0, Math.max(min, Math.min(max, filler.length)));
    if (valid(sized)) return sized;
  }
  return undefined;
}

/** randexp over the pattern with deterministic draws (the same run, the same probe): a small LCG in place of Math.random. */
function patternGenerator(pattern: string): RandExp | undefined {
  let generator: RandExp;
  try {
    generator = new RandExp(compilePattern(pattern));
  } catch {
    return undefined;
  }
  let state = 0x2545f491;
  generator.randInt = (a: number, b: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return a + (state % (b - a + 1));
  };
  generator.max = 24;
  return generator;
}

function rotateValue(value: unknown, shift: number): unknown {
  if (typeof value === 'string') return rotateString(value, shift);
  if (typeof value === 'number') return value + 987_654 * shift;
  if (Array.isArray(value)) return value.map((item) => rotateValue(item, shift));
  if (value !== null && typeof value === 'object') {
    // Opus LegacyId pairs: keep the key names, change the values.
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'key' ? inner : rotateValue(inner, shift)]));
  }
  return value;
}

function rotateString(text: string, shift: number): string {
  const hex = HEX_ONLY.test(text) && /[0-9]/.test(text);
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (hex && /[0-9a-f]/.test(char)) return ((parseInt(char, 16) + shift * 2 + 1) % 16).toString(16);
      if (hex && /[A-F]/.test(char)) return ((parseInt(char, 16) + shift * 2 + 1) % 16).toString(16).toUpperCase();
      if (char >= '0' && char <= '9') return String.fromCharCode(48 + ((code - 48 + shift) % 10));
      if (char >= 'a' && char <= 'z') return String.fromCharCode(97 + ((code - 97 + shift * 2 - 1) % 26));
      if (char >= 'A' && char <= 'Z') return String.fromCharCode(65 + ((code - 65 + shift * 2 - 1) % 26));
      return char;
    })
    .join('');
}
