/**
 * The shapes a secret takes once a target has encoded it: the secret itself,
 * its base64 and base64url, and its hex. Each shape is then searched in the
 * text and in the text with its escapes undone (decode-layer.ts), so e.g.
 * percent-encoded base64 or a `\u`-escaped token are found too.
 *
 * Base64 is matched by its *core*: a token inside longer data (`user:token`,
 * a JSON document) is encoded together with its neighbours, so only the
 * characters whose 6 bits all come from the token's own bytes are fixed.
 * There are three cores, one per byte alignment (the token starting at
 * offset 0, 1 or 2 of a 3-byte group); removing them leaves at most a few
 * bits of the token's first and last byte.
 */

export interface SecretForm {
  /** The characters as the target writes them, before any escaping. */
  text: string;
  /** Letters match in either case (hex digits do). */
  caseless: boolean;
}

/** The forms of `secret`, deduplicated. */
export function formsOf(secret: string): SecretForm[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: SecretForm[] = [{ text: secret, caseless: false }];
  for (const core of base64Cores(bytes)) {
    forms.push({ text: core, caseless: false });
    forms.push({ text: core.replace(/\+/g, '-').replace(/\//g, '_'), caseless: false });
  }
  forms.push({ text: bytes.toString('hex'), caseless: true });
  // Form encoding writes a space as `+`, and a `+` read back form-decoded becomes a space.
  for (const form of [...forms]) {
    if (form.text.includes(' ')) forms.push({ ...form, text: form.text.replaceAll(' ', '+') });
    if (form.text.includes('+')) forms.push({ ...form, text: form.text.replaceAll('+', ' ') });
  }
  const seen = new Set<string>();
  return forms.filter((form) => !seen.has(form.text) && seen.add(form.text));
}

/**
 * The base64 characters fully determined by `bytes` at each of the three
 * alignments. Character i of an encoding covers bits [6i, 6i+6); the bytes
 * sit at bits [8·offset, 8·(offset+n)).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    if (end > first) cores.push(encoded.slice(first, end));
  }
  return cores;
}
