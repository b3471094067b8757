/**
 * One layer of the encodings a target can wrap around a secret, undone:
 * percent-encoding (either hex case, `%25`-double-encoded too), JSON escapes
 * (`\u00xx` in either case, `\/`, `\"`…) and HTML/XML character references.
 * The scrubber searches the decoded text as well as the text itself, so a
 * token written in any mix of escaped and literal characters is found; the
 * map from each decoded character back to the span it came from lets the
 * scrubber replace what the target actually wrote.
 *
 * Only escapes that decode to a character some secret form contains are
 * undone: the others cannot be part of a match, and leaving them alone keeps
 * the common case — JSON full of `\"` and `\u003c` — one native regex scan.
 * The longest escape undone is 14 characters (`&#x0000` and six hex digits).
 */

/** One escape undone: `text[out, out + length)` was `source[from, to)`. */
interface Edit {
  out: number;
  length: number;
  from: number;
  to: number;
}

export interface DecodedLayer {
  text: string;
  /** Where the characters `[start, end)` of `text` came from in the source: the smallest span holding them. */
  sourceSpan(start: number, end: number): [number, number];
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const JSON_SHORT_ESCAPES: Record<string, string> = { '/': '/', '"': '"', '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const utf8 = new TextDecoder('utf-8');

export interface LayerDecoder {
  /** Where the text holds an escape that may decode to a secret's character, as `[start, end)` spans in order. */
  escapes(text: string): Array<[number, number]>;
  /** The text with those escapes undone; undefined when there is none. */
  decode(text: string): DecodedLayer | undefined;
}

/** A decoder for secrets made of `characters` (code points). */
export function createLayerDecoder(characters: Iterable<string>): LayerDecoder {
  const codePoints = [...new Set([...characters].map((char) => char.codePointAt(0)!))];
  const alphabet = new Set(codePoints.flatMap((c) => String.fromCodePoint(c).split('')));
  const unit = unitPattern(alphabet, codePoints);

  const escapes = (text: string): Array<[number, number]> => {
    const found: Array<[number, number]> = [];
    if (!/[%\\&]/.test(text)) return found;
    unit.lastIndex = 0;
    for (let match = unit.exec(text); match; match = unit.exec(text)) found.push([match.index, match.index + match[0].length]);
    return found;
  };

  const decode = (text: string): DecodedLayer | undefined => {
    if (!/[%\\&]/.test(text)) return undefined;
    let out = '';
    let last = 0;
    const edits: Edit[] = [];
    const replace = (chars: string, from: number, to: number) => {
      out += text.slice(last, from);
      edits.push({ out: out.length, length: chars.length, from, to });
      out += chars;
      last = to;
    };
    unit.lastIndex = 0;
    for (let match = unit.exec(text); match; match = unit.exec(text)) {
      const raw = match[0];
      if (raw[0] === '%') {
        decodePercentRun(raw, match.index, alphabet, replace);
        continue;
      }
      const decoded = decodeUnit(raw);
      if (decoded !== undefined && inAlphabet(decoded, alphabet)) replace(decoded, match.index, match.index + raw.length);
    }
    if (edits.length === 0) return undefined;
    out += text.slice(last);
    return { text: out, sourceSpan: (start, end) => [sourceStart(edits, start), sourceEnd(edits, end)] };
  };

  return { escapes, decode };
}

/** The last edit at or before output index `index`, by binary search. */
function editBefore(edits: readonly Edit[], index: number): Edit | undefined {
  let low = 0;
  let high = edits.length - 1;
  let found: Edit | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const edit = edits[middle]!; // low <= middle <= high stay inside edits
    if (edit.out <= index) {
      found = edit;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function sourceStart(edits: readonly Edit[], index: number): number {
  const edit = editBefore(edits, index);
  if (!edit) return index;
  return index < edit.out + edit.length ? edit.from : edit.to + (index - edit.out - edit.length);
}

/** The source end of output characters ending (exclusive) at `index`. */
function sourceEnd(edits: readonly Edit[], index: number): number {
  const edit = editBefore(edits, index - 1);
  if (!edit) return index;
  return index - 1 < edit.out + edit.length ? edit.to : edit.to + (index - edit.out - edit.length);
}

/**
 * The escapes worth undoing, as one regex: only those that spell a character
 * of the alphabet (`\u003c` in an HTML report's embedded JSON is not), so
 * the scan stays native and the decoding loop only runs on real candidates.
 */
function unitPattern(alphabet: ReadonlySet<string>, codePoints: readonly number[]): RegExp {
  const units = [...alphabet];
  const ascii = codePoints.filter((c) => c < 0x80);
  const shortEscapes = Object.entries(JSON_SHORT_ESCAPES)
    .filter(([, char]) => alphabet.has(char))
    .map(([key]) => (key === '\\' ? '\\\\' : key))
    .join('');
  const named = Object.entries(NAMED_ENTITIES)
    .filter(([, char]) => alphabet.has(char))
    .map(([name]) => name);
  // Non-ASCII characters travel percent-encoded as UTF-8 bytes 0x80–0xFF; surrogate halves as `\uD8xx` escapes.
  const bytes = [...ascii.map((c) => hex(c, 2)), ...(units.some((u) => u.charCodeAt(0) >= 0x80) ? ['[89a-fA-F][0-9a-fA-F]'] : [])];
  return new RegExp(
    [
      ...(bytes.length ? [`(?:%(?:25)?(?:${bytes.join('|')}))+`] : []),
      `\\\\u(?:${units.map((u) => hex(u.charCodeAt(0), 4)).join('|')})`,
      ...(shortEscapes ? [`\\\\[${shortEscapes.replace(/[\]^-]/g, '\\$&')}]`] : []),
      `&#0{0,4}(?:${codePoints.join('|')});`,
      `&#[xX]0{0,4}(?:${codePoints.map((c) => hex(c, 1)).join('|')});`,
      ...(named.length ? [`&(?:${named.join('|')});`] : []),
    ].join('|'),
    'g',
  );
}

/** `value` in hex, at least `width` digits, each letter matching either case. */
function hex(value: number, width: number): string {
  return value
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/** By UTF-16 code unit: a `\uD83D\uDE00` pair decodes one half at a time. */
function inAlphabet(text: string, alphabet: ReadonlySet<string>): boolean {
  for (let i = 0; i < text.length; i++) if (!alphabet.has(text.charAt(i))) return false;
  return true;
}

function decodeUnit(raw: string): string | undefined {
  if (raw.startsWith('\\u')) return String.fromCharCode(parseInt(raw.slice(2), 16));
  if (raw[0] === '\\') return JSON_SHORT_ESCAPES[raw.charAt(1)];
  if (raw.startsWith('&#x') || raw.startsWith('&#X')) return codePoint(parseInt(raw.slice(3, -1), 16));
  if (raw.startsWith('&#')) return codePoint(Number(raw.slice(2, -1)));
  return NAMED_ENTITIES[raw.slice(1, -1)];
}

function codePoint(value: number): string | undefined {
  return value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}

/**
 * A run of `%xx` units: ASCII bytes decode one by one; a run holding
 * multi-byte UTF-8 decodes as a whole (its characters map to the whole run).
 */
function decodePercentRun(
  run: string,
  at: number,
  alphabet: ReadonlySet<string>,
  replace: (chars: string, from: number, to: number) => void,
): void {
  const units = run.match(/%(?:25)?[0-9A-Fa-f]{2}/g)!;
  const bytes = units.map((u) => parseInt(u.slice(-2), 16));
  if (bytes.every((b) => b < 0x80)) {
    let offset = at;
    units.forEach((u, i) => {
      const char = String.fromCharCode(bytes[i]!); // bytes maps units one to one
      if (alphabet.has(char)) replace(char, offset, offset + u.length);
      offset += u.length;
    });
    return;
  }
  const decoded = utf8.decode(Uint8Array.from(bytes));
  if (inAlphabet(decoded, alphabet)) replace(decoded, at, at + run.length);
}
