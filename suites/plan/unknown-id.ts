/**
 * An id of the same shape as a real one that (almost certainly) does not
 * exist: each character is rotated within its class (hex digits stay hex,
 * digits stay digits, letters stay letters), so the value still matches the
 * parameter's pattern and a correct server answers 404, not 400.
 */
import type { JsonSchema, LoadedSpec } from '../../specs/types.ts';

const HEX_ONLY = /^[0-9a-fA-F-]+$/;

export function unknownIdLike(spec: LoadedSpec, schema: JsonSchema | undefined, known: unknown, others: readonly unknown[]): unknown {
  const taken = new Set(others.map((value) => JSON.stringify(value)));
  const valid = (candidate: unknown) =>
    !taken.has(JSON.stringify(candidate)) && (schema === undefined || spec.validator.isValid(schema, candidate));
  for (const shift of [7, 3, 5, 1]) {
    const candidate = rotateValue(known, shift);
    if (valid(candidate)) return candidate;
  }
  return typeof known === 'string' || known === undefined ? 'aferir-unknown-id-0000' : rotateValue(known, 7);
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
