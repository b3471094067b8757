/**
 * Realism: every success body of every operation, for several seeds, walked
 * field by field against rules of the domain (ISO codes, check digits, IBGE
 * and CEP that agree with the state, dates in order, amounts that relate,
 * plausible rates, whole counts, names and text that read as such, products of
 * the API's own domain). The rules and reference lists live in ./realism/ and
 * never ask the generator what is right. Bodies come from the public data API,
 * the way `aferir data` builds them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../specs/catalogue.ts';
import { loadSpec } from '../../specs/load.ts';
import { jsonMedia } from '../../specs/lookup.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { buildEnvelope, createWorld } from '../index.ts';
import { FIELD_RULES, type FieldContext } from './realism/field-rules.ts';
import { RECORD_RULES } from './realism/record-rules.ts';

const SEEDS = 4;
const NOW = new Date('2025-06-01T12:00:00Z');
const SHARED = fileURLToPath(new URL('../../../shared/reference-specs/', import.meta.url));
const OFFICIAL_DIRS = [
  SHARED,
  ...['ofb', 'opin', 'opus'].map((d) => path.join(SHARED, d)),
  ...['ofb', 'opin', 'opus'].map((d) => path.join(SHARED, 'ecosystem', d)),
];

function officialFiles(): string[] {
  return OFFICIAL_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(dir, f)),
  );
}

type Schema = Record<string, unknown>;
const asSchema = (s: unknown): Schema => (s !== null && typeof s === 'object' ? (s as Schema) : {});

/** Properties of a schema with its allOf/oneOf/anyOf branches folded in (enough to find a field's own rules). */
function properties(schema: Schema): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const branch of [
    schema,
    ...(['allOf', 'oneOf', 'anyOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : [])),
  ]) {
    const b = asSchema(branch);
    if (b !== schema) Object.assign(out, properties(b));
    for (const [key, value] of Object.entries(asSchema(b.properties))) out[key] = { ...out[key], ...asSchema(value) };
  }
  return out;
}
function leafSchema(schema: Schema): Schema {
  const branches = (['allOf', 'oneOf', 'anyOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  return branches.reduce<Schema>((acc, b) => ({ ...leafSchema(asSchema(b)), ...acc }), { ...schema });
}
function items(schema: Schema): Schema {
  const merged = leafSchema(schema);
  return asSchema(merged.items);
}

function domainOf(spec: LoadedSpec): FieldContext['domain'] {
  const text = `${spec.title} ${JSON.stringify(spec.document.servers ?? '')} ${spec.operations[0]?.path ?? ''}`;
  if (/insurance|seguro|pension|previd|capitaliza|opin/i.test(text)) return 'insurance';
  // Fixed and variable income, treasury bonds, funds: securities, even when the issuer's credit backs them.
  if (/investment|income|treasur|\bfunds?\b/i.test(text)) return 'investments';
  if (/loan|financing|credit|empr[eé]stimo|invoice|unarranged|overdraft/i.test(text)) return 'credit';
  return 'other';
}

interface Tally {
  fields: number;
  byRule: Map<string, string[]>;
  /** How many fields each field rule judged: a rule that never applies proves nothing. */
  checkedByRule: Map<string, number>;
}

function walk(value: unknown, schema: Schema, tally: Tally, domain: FieldContext['domain'], parent = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, items(schema), tally, domain, parent);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const props = properties(schema);
  for (const rule of RECORD_RULES) {
    const result = rule.check(record, NOW);
    tally.fields += result.checked;
    for (const v of result.violations) note(tally, rule.id, v);
  }
  for (const [key, child] of Object.entries(record)) {
    const childSchema = props[key] ?? {};
    if (child !== null && typeof child === 'object') {
      walk(child, childSchema, tally, domain, key.toLowerCase().replace(/[^a-z0-9]/g, ''));
      continue;
    }
    const field: FieldContext = {
      key,
      n: key.toLowerCase().replace(/[^a-z0-9]/g, ''),
      value: child,
      schema: leafSchema(childSchema),
      domain,
      parent,
      siblings: record,
    };
    for (const rule of FIELD_RULES) {
      const verdict = rule.check(field);
      if (verdict === undefined) continue;
      tally.fields++;
      tally.checkedByRule.set(rule.id, (tally.checkedByRule.get(rule.id) ?? 0) + 1);
      if (verdict !== true) note(tally, rule.id, `${key}: ${verdict}`);
    }
  }
}

function note(tally: Tally, rule: string, violation: string): void {
  const list = tally.byRule.get(rule) ?? [];
  list.push(violation);
  tally.byRule.set(rule, list);
}

function successSchemaOf(operation: Operation): Schema | undefined {
  const response = operation.responses.find((r) => r.status === '200') ?? operation.responses.find((r) => /^2\d\d$/.test(r.status));
  const schema = response ? jsonMedia(response.content)?.schema : undefined;
  return schema === undefined ? undefined : asSchema(schema);
}

async function realism(ref: string): Promise<Tally> {
  const spec = await loadSpec(ref);
  const tally: Tally = { fields: 0, byRule: new Map(), checkedByRule: new Map() };
  const domain = domainOf(spec);
  for (let seed = 0; seed < SEEDS; seed++) {
    const world = createWorld({ seed: `${seed}`, now: NOW });
    for (const operation of spec.operations) {
      const schema = successSchemaOf(operation);
      if (schema === undefined) continue;
      const request = world.validRequest(spec, operation, 0);
      const answer = world.resolve(spec, operation, request);
      if (answer.kind !== 'object' && answer.kind !== 'page') continue;
      const body = buildEnvelope(spec, operation, answer, {
        seed: String(seed),
        requestDateTime: NOW,
        pathParams: request.pathParams,
        query: request.query,
      });
      walk(body, schema, tally, domain);
    }
  }
  return tally;
}

const summary: string[] = [];
const judged = new Map<string, number>();
function report(name: string, tally: Tally): number {
  for (const [rule, n] of tally.checkedByRule) judged.set(rule, (judged.get(rule) ?? 0) + n);
  const violations = [...tally.byRule.values()].reduce((n, list) => n + list.length, 0);
  const rules = [...tally.byRule.entries()].map(([rule, list]) => `${rule} ${list.length}`).join(', ');
  const pct = tally.fields === 0 ? 0 : (100 * violations) / tally.fields;
  summary.push(
    `${name.padEnd(58)} fields ${String(tally.fields).padStart(6)}  violations ${String(violations).padStart(5)}  ${pct.toFixed(1).padStart(5)}%  ${rules}`,
  );
  for (const [rule, list] of tally.byRule) for (const v of [...new Set(list)].slice(0, 6)) summary.push(`    ${rule}: ${v}`);
  return violations;
}

describe('realism of every field of every success body', () => {
  // One table at the end (per spec: fields checked, violations by rule, % unrealistic).
  afterAll(() => console.log(`${summary.join('\n')}\nfields judged by rule: ${[...judged].map(([rule, n]) => `${rule} ${n}`).join(', ')}`));
  for (const entry of CATALOGUE) {
    it(entry.id, { timeout: 60_000 }, async () => {
      expect(report(entry.id, await realism(entry.id))).toBe(0);
    });
  }
  const files = officialFiles();
  describe.skipIf(files.length === 0)(
    `official specs${files.length === 0 ? ' [skipped: ../shared/reference-specs beside this clone is absent]' : ''}`,
    () => {
      for (const file of files) {
        it(path.relative(SHARED, file), { timeout: 120_000 }, async () => {
          expect(report(path.relative(SHARED, file), await realism(file))).toBe(0);
        });
      }
      // Runs last: over the bundled and the official specs, a rule that judged no field would be a rule that cannot fail.
      it('every field rule judged some field', () => {
        expect(FIELD_RULES.filter((rule) => !judged.has(rule.id)).map((rule) => rule.id)).toEqual([]);
      });
    },
  );
});
