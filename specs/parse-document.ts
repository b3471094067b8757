/**
 * Parse a spec's text as JSON or YAML. A syntax error names the line and
 * column; duplicate keys (common in hand-edited specs) are tolerated with the
 * last one winning, and reported. A document nested too deep to walk safely is
 * refused here, before anything recurses into it.
 */
import { parseDocument } from 'yaml';
import { SpecError } from './errors.ts';
import { assertNestingDepth, isTooDeepError, tooDeep } from './nesting-depth.ts';

export interface ParsedDocument {
  value: unknown;
  /** Recoverable problems found while parsing, e.g. duplicate keys. */
  warnings: string[];
}

export function parseSpecText(text: string, source: string): ParsedDocument {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      // Not strict JSON; YAML is a superset and gives positions for the error.
    }
    if (value !== undefined) {
      assertNestingDepth(value, source);
      return { value, warnings: [] };
    }
  }
  let document = parseDocument(body, { prettyErrors: true });
  const warnings: string[] = [];
  const duplicates = document.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0 && duplicates.length === document.errors.length) {
    for (const error of duplicates) warnings.push(`duplicate key at ${position(error)}; the last value is used`);
    document = parseDocument(body, { uniqueKeys: false });
  }
  const [first] = document.errors;
  // The YAML composer recurses; it turns its own stack overflow into this error.
  if (document.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) throw tooDeep(source);
  if (first) {
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new SpecError('spec-invalid-yaml', `${source} is not valid YAML or JSON: ${reason} at ${position(first)}.`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    if (isTooDeepError(error)) throw tooDeep(source, error);
    throw error;
  }
  assertNestingDepth(value, source);
  return { value, warnings };
}

function position(error: { linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const at = error.linePos?.[0];
  return at ? `line ${at.line}, column ${at.col}` : 'an unknown position';
}
