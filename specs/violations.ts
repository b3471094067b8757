/**
 * ajv errors → violations: one per broken rule, located by a JSON path that a
 * person can paste into jq (`$.data[0].accountId`), with the rule as the spec
 * writes it (`pattern ^\d{14}$`, `enum [A, B]`, `required`) and the value found.
 */
import type { ErrorObject } from 'ajv';

export interface Violation {
  /** JSONPath of the offending value, `$` for the document itself. */
  path: string;
  /** JSON pointer of the same place (`/data/0/accountId`). */
  pointer: string;
  /** The JSON Schema keyword, e.g. `pattern`. */
  keyword: string;
  /** The rule as written, e.g. `pattern ^\d{14}$`. */
  rule: string;
  /** The value found there (undefined for a missing property). */
  value: unknown;
  message: string;
}

export function toViolations(errors: readonly ErrorObject[], data: unknown): Violation[] {
  const kept = keepBestAlternatives(errors);
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of kept) {
    const violation = toViolation(error, data);
    const key = `${violation.pointer}|${violation.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

/**
 * With allErrors, a failed oneOf/anyOf reports every branch's errors. A person
 * wants the branch that came closest: keep the errors of the branch with the
 * fewest, drop the rest, and drop the summary error itself when a branch remains.
 */
function keepBestAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  let result = [...errors];
  const alternatives = errors.filter(
    (e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !(e.params as Record<string, unknown>).passingSchemas,
  );
  for (const alternative of alternatives) {
    const prefix = `${alternative.schemaPath}/`;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const error of result) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), error]);
    }
    if (byBranch.size === 0) continue;
    const best = [...byBranch.values()].sort((a, b) => a.length - b.length)[0] ?? [];
    result = result.filter((e) => e !== alternative && (!e.schemaPath.startsWith(prefix) || best.includes(e)));
  }
  return result;
}

function toViolation(error: ErrorObject, data: unknown): Violation {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${escapePointer(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') pointer += `/${escapePointer(params.additionalProperty)}`;
  const value = error.keyword === 'required' ? undefined : valueAt(data, pointer);
  return {
    path: toJsonPath(pointer),
    pointer,
    keyword: error.keyword,
    rule: ruleOf(error),
    value,
    message: messageOf(error),
  };
}

function ruleOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const onText = params.onNumberText ? ' (on the number as text)' : '';
  switch (error.keyword) {
    case 'pattern':
      return `pattern ${params.pattern}${onText}`;
    case 'enum':
      return `enum [${(params.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`;
    case 'required':
      return 'required';
    case 'additionalProperties':
      return 'additionalProperties false';
    case 'type':
      return `type ${params.type}`;
    case 'format':
      return `format ${params.format}`;
    case 'const':
      return `const ${JSON.stringify(params.allowedValue)}`;
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties':
      return `${error.keyword} ${params.limit}${onText}`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `${error.keyword} ${params.limit}`;
    case 'multipleOf':
      return `multipleOf ${params.multipleOf}`;
    case 'uniqueItems':
      return 'uniqueItems';
    case 'oneOf':
      return params.passingSchemas ? 'oneOf (more than one alternative matches)' : 'oneOf';
    default:
      return error.keyword;
  }
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `required property '${params.missingProperty}' is missing`;
  if (error.keyword === 'additionalProperties') return `property '${params.additionalProperty}' is not allowed`;
  return error.message ?? error.keyword;
}

function escapePointer(token: unknown): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function valueAt(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function toJsonPath(pointer: string): string {
  let path = '$';
  for (const token of pointerTokens(pointer)) {
    if (/^\d+$/.test(token)) path += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) path += `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path;
}
