/**
 * How deep a spec may nest. The loader, the `$ref` resolver, the schema
 * conversion, ajv and the data engine all walk documents recursively, so a
 * file with 100,000 nested arrays would overflow the stack somewhere. Real
 * specs nest about 20 levels (33 with every `$ref` inlined); anything past
 * the limit is refused up front with a sentence naming the file.
 */
import { SpecError } from './errors.ts';

/** Most levels of nested objects/arrays a spec file, or the spec with its `$ref`s inlined, may have. */
export const MAX_NESTING_DEPTH = 256;

export function tooDeep(source: string, cause?: unknown): SpecError {
  return new SpecError(
    'spec-too-deep',
    `${source} is nested more than ${MAX_NESTING_DEPTH} levels deep (objects or arrays inside each other, $refs included); no OpenAPI document needs that, so it is refused.`,
    { cause },
  );
}

/** Throws `spec-too-deep` when `value` nests deeper than the limit; iterative, so it cannot overflow itself. */
export function assertNestingDepth(value: unknown, source: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    if (depth > MAX_NESTING_DEPTH) throw tooDeep(source);
    seen.add(node);
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
}

/** A stack overflow or the `$ref` resolver's depth limit: both mean the document nests too deep. */
export function isTooDeepError(error: unknown): boolean {
  if (!(error instanceof RangeError)) return false;
  return /Maximum call stack size exceeded|Maximum dereference depth/.test(error.message);
}
