/**
 * Small helpers for talking about `$ref`s: find one in a document (without
 * recursion, whatever its depth) and show a location as a user writes it.
 */

/** The first object, in document order, whose `$ref` satisfies `matches`: its JSON pointer and that `$ref`. */
export function findRef(document: unknown, matches: (ref: string) => boolean): { pointer: string; ref: string } | undefined {
  const stack: Array<[unknown, string]> = [[document, '']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && matches(ref)) return { pointer, ref };
    const entries = Object.entries(node);
    // Pushed in reverse, so the document is searched in its own order.
    for (const [key, value] of entries.reverse()) stack.push([value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
  return undefined;
}

/** A location as the resolver spells it (percent-encoded paths), as a user would write it. */
export function displayLocation(location: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  try {
    return decodeURIComponent(location);
  } catch {
    return location;
  }
}
