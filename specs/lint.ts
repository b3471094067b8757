/**
 * `aferir specs lint`: what a validator would trip on in a spec, each finding
 * with its JSON pointer and what the loader does about it. The schema-level
 * defects come from schema-defects.ts, the same list the converter acts on.
 */
import { detectDefects } from './schema-defects.ts';
import { escapeToken, walkSchemas } from './schema-walk.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { entriesOf, isJsonRecord, isSchemaObject, type JsonSchema } from './json-schema.ts';
import { valueAt } from './violations.ts';

export interface LintFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** JSON pointer into the spec, e.g. `/components/schemas/PercentageDetails/pattern`. */
  pointer: string;
  message: string;
  /** What aferir does about it. */
  handling: string;
}

export interface LintInput {
  /** The document with $refs in place (pointers refer to it). */
  bundled: Record<string, unknown>;
  /** The same document with $refs resolved (same shape, so the same pointers work). */
  dereferenced: Record<string, unknown>;
  convert: (schema: unknown) => JsonSchema;
  validator: SchemaValidator;
  parseWarnings: string[];
  circularRefs: boolean;
}

export function lintDocument(input: LintInput): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const warning of input.parseWarnings) {
    findings.push({ code: 'duplicate-key', severity: 'warning', pointer: '', message: warning, handling: 'the last value is used' });
  }
  if (input.circularRefs) {
    findings.push({
      code: 'circular-ref',
      severity: 'info',
      pointer: '',
      message: 'the spec has circular $refs',
      handling: 'values below the point where a schema refers back to itself are not validated',
    });
  }
  walkSchemas(input.bundled, (schema, pointer) => {
    // Whether a required name is declared depends on the allOf members behind their $refs: judged on the resolved node.
    const resolved = valueAt(input.dereferenced, pointer);
    const defects = [
      ...detectDefects(schema).filter((d) => d.code !== 'required-undeclared'),
      ...(isSchemaObject(resolved) ? detectDefects(resolved) : []).filter((d) => d.code === 'required-undeclared'),
    ];
    for (const defect of defects) {
      findings.push({
        code: defect.code,
        severity: defect.severity,
        pointer: `${pointer}/${escapeToken(defect.keyword)}`,
        message: defect.message,
        handling: defect.handling,
      });
    }
    if (schema.example === undefined) return;
    if (typeof schema.example === 'string' && defects.some((d) => d.code === 'pattern-never-matches')) {
      // Validation relaxes that pattern, but the example still breaks it as written.
      findings.push({
        code: 'example-violates-schema',
        severity: 'warning',
        pointer: `${pointer}/example`,
        message: `the example ${JSON.stringify(schema.example)} breaks its own pattern as written (no value can match it)`,
        handling: 'reported only: validation and generated data do not depend on examples',
      });
      return;
    }
    checkExample(input, schema.example, valueAt(input.dereferenced, pointer), `${pointer}/example`, findings);
  });
  lintExamplesOutsideSchemas(input, findings);
  lintOperations(input.bundled, findings);
  return findings;
}

function checkExample(input: LintInput, example: unknown, schema: unknown, pointer: string, findings: LintFinding[]): void {
  if (!schema || typeof schema !== 'object') return;
  const violations = input.validator.validate(input.convert(schema), example);
  if (violations.length === 0) return;
  const [first] = violations;
  if (!first) return;
  const where = first.path === '$' ? '' : ` at ${first.path}`;
  findings.push({
    code: 'example-violates-schema',
    severity: 'warning',
    pointer,
    message: `the example ${JSON.stringify(example)?.slice(0, 80)} breaks its own schema${where}: ${first.rule}${violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''}`,
    handling: 'reported only: validation and generated data do not depend on examples',
  });
}

/** Parameter-level and media-type-level examples. */
function lintExamplesOutsideSchemas(input: LintInput, findings: LintFinding[]): void {
  const visit = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.schema && typeof record.schema === 'object' && !pointer.includes('/schema/')) {
      const schema = valueAt(input.dereferenced, `${pointer}/schema`);
      if (record.example !== undefined) checkExample(input, record.example, schema, `${pointer}/example`, findings);
      for (const [name, example] of entriesOf(record.examples)) {
        if (isJsonRecord(example) && 'value' in example) {
          checkExample(input, example.value, schema, `${pointer}/examples/${escapeToken(name)}/value`, findings);
        }
      }
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'schema' || key === 'schemas') continue;
      visit(value, `${pointer}/${escapeToken(key)}`);
    }
  };
  visit(input.bundled, '');
}

function lintOperations(document: Record<string, unknown>, findings: LintFinding[]): void {
  const seen = new Map<string, string>();
  for (const [path, pathItem] of entriesOf(document.paths)) {
    for (const [method, operation] of entriesOf(pathItem)) {
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) continue;
      const pointer = `/paths/${escapeToken(path)}/${method}`;
      const id = isJsonRecord(operation) ? operation.operationId : undefined;
      if (typeof id !== 'string') {
        findings.push({
          code: 'missing-operation-id',
          severity: 'info',
          pointer,
          message: `${method.toUpperCase()} ${path} has no operationId`,
          handling: `named "${method.toUpperCase()} ${path}" in results`,
        });
        continue;
      }
      const previous = seen.get(id);
      if (previous) {
        findings.push({
          code: 'duplicate-operation-id',
          severity: 'error',
          pointer: `${pointer}/operationId`,
          message: `operationId ${id} is also used at ${previous}`,
          handling: 'both operations are kept; --operation picks the first',
        });
      } else {
        seen.set(id, pointer);
      }
    }
  }
  if (!Array.isArray(document.servers) || document.servers.length === 0) {
    findings.push({
      code: 'no-servers',
      severity: 'info',
      pointer: '/servers',
      message: 'the spec declares no servers',
      handling: 'the mock serves it under /<spec-id>',
    });
  }
}
