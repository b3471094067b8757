/**
 * Finds where a text holds any form of any secret: in the text itself and in
 * up to two layers of it with escapes undone (around each escape), each hit
 * mapped back to the characters the target actually wrote. The forms are
 * compiled into one regex of literals once per run; a text costs one native
 * pass for the forms and one for the escapes, whatever its size.
 */
import { createLayerDecoder, type DecodedLayer } from './decode-layer.ts';
import { formsOf, type SecretForm } from './encoded-forms.ts';
import { MIN_SECRET_LENGTH } from './redacted.ts';

/** Layers decoded below the text: two, so an escape inside an escape (`\u0025` + `41`, JSON-escaped `%xx`) opens up too. */
const DECODE_ROUNDS = 2;
/**
 * How many source characters to allow per decoded character when sizing the
 * window around an escape: one escape is at most 14 characters, and a real
 * double escape (`\u002541`, `%252F`) at most 8; 28 leaves room for both.
 */
const SOURCE_PER_CHARACTER = 14 * 2;

/** `[start, end)` in the text. */
export type Span = [number, number];

export interface SecretFinder {
  /** Where forms of the secrets are, merged and in order; `caseless` also finds them lower- or upper-cased (header names). */
  spans(text: string, caseless?: boolean): Span[];
  /** Where a form starts when `text` ends part-way through one (MIN_SECRET_LENGTH characters of it or more). */
  cutStart(text: string): number | undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `secrets` must already be filtered (long enough, deduplicated). */
export function createSecretFinder(secrets: readonly string[]): SecretFinder {
  const seen = new Set<string>();
  // Longest first: where two forms match at the same place, the longer one is removed whole.
  const forms: SecretForm[] = secrets
    .flatMap(formsOf)
    .filter((f) => !seen.has(f.text) && seen.add(f.text))
    .sort((a, b) => b.text.length - a.text.length);
  const source = forms
    .map((f) => (f.caseless ? escapeRegex(f.text).replace(/[a-f]/g, (c) => `[${c}${c.toUpperCase()}]`) : escapeRegex(f.text)))
    .join('|');
  const exact = new RegExp(source, 'g');
  let anyCase: RegExp | undefined;
  const characters = new Set<string>();
  for (const form of forms) {
    for (const char of form.text) characters.add(form.caseless ? char.toLowerCase() : char).add(form.caseless ? char.toUpperCase() : char);
  }
  const decoder = createLayerDecoder(characters);

  // A hit in a decoded layer contains an escape, and spans at most the longest form's worth of
  // decoded characters: only the text around escapes needs decoding, not the whole of a big report.
  const radius = (forms[0]?.text.length ?? 0) * SOURCE_PER_CHARACTER;

  function spans(text: string, caseless = false): Span[] {
    const re = caseless ? (anyCase ??= new RegExp(source, 'gi')) : exact;
    const found = matches(text, re);
    for (const [from, to] of windowsAround(decoder.escapes(text), radius, text.length)) {
      const below: DecodedLayer[] = [];
      let layer = text.slice(from, to);
      for (let round = 1; round <= DECODE_ROUNDS; round++) {
        const next = decoder.decode(layer);
        if (!next) break;
        below.push(next);
        for (const hit of matches(next.text, re)) {
          const [start, end] = toSource(below, hit);
          found.push([from + start, from + end]);
        }
        layer = next.text;
      }
    }
    return merge(found);
  }

  function cutStart(text: string): number | undefined {
    let earliest: number | undefined;
    const consider = (layer: string, toSource: (index: number) => number) => {
      for (const form of forms) {
        const at = cutPrefixAt(layer, form);
        if (at !== undefined) earliest = Math.min(earliest ?? Infinity, toSource(at));
      }
    };
    consider(text, (index) => index);
    const decoded = decoder.decode(text);
    if (decoded) consider(decoded.text, (index) => decoded.sourceSpan(index, index + 1)[0]);
    return earliest;
  }

  return { spans, cutStart };
}

/** The escapes' neighbourhoods (`radius` characters each side), merged where they overlap. */
function windowsAround(escapes: ReadonlyArray<[number, number]>, radius: number, length: number): Span[] {
  const windows: Span[] = [];
  for (const [start, end] of escapes) {
    const from = Math.max(0, start - radius);
    const to = Math.min(length, end + radius);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

/** A span of the deepest layer, followed up through each layer to the text the target wrote. */
function toSource(layers: readonly DecodedLayer[], span: Span): Span {
  let [start, end] = span;
  for (let r = layers.length - 1; r >= 0; r--) [start, end] = layers[r]!.sourceSpan(start, end);
  return [start, end];
}

function matches(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) out.push([match.index, match.index + match[0].length]);
  return out;
}

function merge(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((x, y) => x[0] - y[0]);
  const out: Span[] = [[...spans[0]!]]; // at least two spans, checked above
  for (const [start, end] of spans.slice(1)) {
    const last = out[out.length - 1]!; // out starts with one span and only grows
    if (start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The earliest index from which `text` to its end is a proper prefix of `form` at least MIN_SECRET_LENGTH long. */
function cutPrefixAt(text: string, form: SecretForm): number | undefined {
  const n = form.text.length;
  const first = form.text[0];
  for (let i = Math.max(0, text.length - (n - 1)); i <= text.length - MIN_SECRET_LENGTH; i++) {
    const char = form.caseless ? text.charAt(i).toLowerCase() : text.charAt(i);
    if (char !== first) continue;
    const tail = form.caseless ? text.slice(i).toLowerCase() : text.slice(i);
    if (form.text.startsWith(tail)) return i;
  }
  return undefined;
}
