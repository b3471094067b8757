/**
 * The structural projection of an OpenAPI document: everything a validator or a
 * client depends on (paths, methods, parameters, schemas and their keywords,
 * responses, headers, servers), without the prose (descriptions, summaries,
 * titles, examples, contacts). Two documents with equal projections describe
 * the same API; our bundled specs must project exactly like the official ones.
 */

const PROSE_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'contact', 'externalDocs', 'termsOfService']);

/** Maps whose keys are names chosen by the spec author, never keywords. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'schemas',
  'responses',
  'parameters',
  'headers',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'paths',
  'content',
  'variables',
  'encoding',
  'mapping',
]);

function structuralProjection(document: unknown): unknown {
  return project(document, undefined);
}

function project(node: unknown, parentKey: string | undefined): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => project(item, undefined));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const isNameMap = parentKey !== undefined && NAME_MAPS.has(parentKey);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (!isNameMap && PROSE_KEYS.has(key)) continue;
    if (!isNameMap && key === 'info' && parentKey === undefined) {
      out.info = { version: (value as { version?: unknown } | null)?.version };
      continue;
    }
    if (!isNameMap && key === 'tags' && Array.isArray(value) && parentKey === undefined) {
      out.tags = value.map((tag) => (tag as { name?: unknown } | null)?.name);
      continue;
    }
    if (!isNameMap && key === 'scopes' && value && typeof value === 'object') {
      // OAuth scope maps pair a name (structure) with a sentence (prose).
      out.scopes = Object.keys(value).sort();
      continue;
    }
    out[key] = project(value, isNameMap ? undefined : key);
  }
  return out;
}

/** One difference between two projections, located by JSON pointer. */
export interface StructuralDifference {
  pointer: string;
  ours: unknown;
  theirs: unknown;
}

/** Every place where two documents differ structurally; empty when they match. */
export function structuralDiff(ours: unknown, theirs: unknown): StructuralDifference[] {
  const differences: StructuralDifference[] = [];
  compare(structuralProjection(ours), structuralProjection(theirs), '', differences);
  return differences;
}

function compare(a: unknown, b: unknown, pointer: string, out: StructuralDifference[]): void {
  if (Object.is(a, b)) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    out.push({ pointer: pointer || '/', ours: a, theirs: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ pointer: pointer || '/', ours: a, theirs: b });
      return;
    }
    a.forEach((item, index) => compare(item, b[index], `${pointer}/${index}`, out));
    return;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!(key in left)) out.push({ pointer: child, ours: undefined, theirs: right[key] });
    else if (!(key in right)) out.push({ pointer: child, ours: left[key], theirs: undefined });
    else compare(left[key], right[key], child, out);
  }
}

/** Every prose field (description, summary, title) with its pointer, for the "our own words" test. */
export function proseFields(document: unknown): Map<string, string> {
  const found = new Map<string, string>();
  collectProse(document, '', undefined, found);
  return found;
}

function collectProse(node: unknown, pointer: string, parentKey: string | undefined, out: Map<string, string>): void {
  if (node === null || typeof node !== 'object') return;
  const isNameMap = parentKey !== undefined && NAME_MAPS.has(parentKey);
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isNameMap && (key === 'description' || key === 'summary' || key === 'title') && typeof value === 'string') {
      out.set(child, value);
      continue;
    }
    if (!isNameMap && key === 'scopes' && value && typeof value === 'object') {
      for (const [scope, text] of Object.entries(value)) {
        if (typeof text === 'string') out.set(`${child}/${scope.replace(/~/g, '~0').replace(/\//g, '~1')}`, text);
      }
      continue;
    }
    collectProse(value, child, Array.isArray(node) || isNameMap ? undefined : key, out);
  }
}
