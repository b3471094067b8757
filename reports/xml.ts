/**
 * XML 1.0 escaping for the JUnit writer. Escaped text rather than CDATA: a
 * target can put `]]>` in a body, and CDATA cannot hold characters XML 1.0
 * forbids anyway. Characters XML 1.0 forbids even as references (C0 controls
 * other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are written as a
 * visible `\uXXXX` so the reader still sees that something was there.
 */

const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text content of an element. `>` is escaped too, which also defuses `]]>`. */
export function xmlText(value: string): string {
  return value.replace(FORBIDDEN, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A double-quoted attribute value; whitespace is referenced so attribute normalisation keeps it. */
function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** `<name a="1" b="2"` with every value escaped; undefined attributes are left out. */
export function openTag(name: string, attributes: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(String(value))}"`);
  return `<${name}${parts.join('')}`;
}
