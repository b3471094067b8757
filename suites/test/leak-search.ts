/**
 * Looks for secrets in an output the way an attacker reading it would:
 * in the text as is, in the text with its JSON/HTML escapes and percent
 * encodings decoded (repeatedly, so nested encodings open up too), and in
 * every base64 and hex run of either, decoded at every starting offset.
 * Independent of the product's scrubber on purpose.
 */

/** Runs of base64/base64url characters long enough to hold a few bytes. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{6,}={0,2}/g;
const HEX_RUN = /[0-9a-fA-F]{8,}/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Where each token shows in `text`: one line per leak (`token` in `view`), none when clean. */
export function leaksOf(text: string, tokens: readonly string[]): string[] {
  const leaks = new Set<string>();
  const decodedText = decodeAll(text);
  const views: Array<[string, string]> = [
    ['text', text],
    ['decoded text', decodedText],
  ];
  for (const [name, view] of [...views]) {
    for (const run of view.match(BASE64_RUN) ?? []) {
      for (let offset = 0; offset < 4; offset++)
        views.push([`base64 run ${run.slice(0, 24)}… of the ${name}`, Buffer.from(run.slice(offset), 'base64').toString('latin1')]);
    }
    for (const run of view.match(HEX_RUN) ?? []) {
      for (let offset = 0; offset < 2; offset++)
        views.push([`hex run ${run.slice(0, 24)}… of the ${name}`, Buffer.from(run.slice(offset), 'hex').toString('latin1')]);
    }
  }
  for (const token of tokens) {
    for (const [name, view] of views) if (view.includes(token)) leaks.add(`${token} in the ${name}`);
  }
  return [...leaks];
}

/** Decodes JSON escapes, HTML/XML entities and percent-encoding until nothing changes (at most 4 rounds). */
function decodeAll(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = decodePercent(decodeEntities(decodeJsonEscapes(current)));
    if (next === current) break;
    current = next;
  }
  return current;
}

function decodeJsonEscapes(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\([/"\\])/g, '$1');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#[xX]([0-9a-fA-F]+);/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => NAMED_ENTITIES[name]!); // the pattern matches only names the map holds
}

/** `%xx` runs as UTF-8 bytes; `+` stays `+` (the tokens under test contain it). */
function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}
