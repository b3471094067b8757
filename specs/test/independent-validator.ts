/**
 * A second opinion on "this body is valid", independent of ours: the schema
 * is read from the dereferenced OpenAPI document itself (not from our
 * converted operation model), converted by @openapi-contrib/openapi-schema-
 * to-json-schema (not specs/openapi-schema.ts) and validated by
 * @cfworker/json-schema (not ajv). A bug in our OpenAPI → JSON Schema
 * conversion, our ajv set-up or our format list cannot hide from it.
 *
 * The only adjustments are the RULES below, one per real-world spec defect
 * the loader handles on purpose (README, "How the loader treats real-world
 * spec defects"); each names the defect and why the adjustment is the faithful
 * reading. Anything else the two validators disagree on is a finding.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { jsonMedia } from '../lookup.ts';
import type { LoadedSpec, Operation } from '../types.ts';

/** One adjustment of a converted schema node; returns the node to use (the same object, changed, or a new one). */
export interface Rule {
  name: string;
  /** The defect and why this adjustment keeps the check faithful. */
  because: string;
  applies(node: Record<string, unknown>): boolean;
  adjust(node: Record<string, unknown>): Record<string, unknown>;
}

export const RULES: readonly Rule[] = [
  {
    name: 'pattern-never-matches',
    because:
      "A pattern whose end anchor `$` is followed by more characters (the Opus consent's `…Z$ `, a trailing space) can match no " +
      'string: without the m flag `$` is the end of the input. The loader relaxes such a pattern (it is not enforced, and the ' +
      'mock logs it once), so it is dropped here too — from that schema node only; its other keywords still apply.',
    applies: (node) => typeof node.pattern === 'string' && /(?<!\\)\$\s+$/.test(node.pattern),
    adjust: ({ pattern: _dropped, ...rest }) => rest,
  },
];

/*
 * The other defects of that README table need no rule, because here the
 * independent reading can only be more lenient than ours, never reject what
 * the loader accepts on purpose:
 *  - pattern/minLength/maxLength on a number: JSON Schema ignores them; the
 *    loader checks the number's decimal text. Only the first validation
 *    checks them (OPIN PercentageDetails, amortizationPeriod).
 *  - unknown formats: both ignore them. The converter turns int32, int64,
 *    float and double into bounds and byte into a base64 pattern; cfworker
 *    checks date, date-time, email, uri, url, uuid and the other draft formats.
 *  - `url`: cfworker refuses private and loopback hosts, the loader accepts
 *    any absolute URL; the bodies validated here carry public links, so a
 *    loopback link would be a finding, not silently passed.
 *  - patterns that compile only without the u flag: none in the catalogue;
 *    cfworker compiles with u and would throw, failing the test loudly.
 */

export interface IndependentValidator {
  /** Every violation as `instance-path keyword: message`; [] when the value is valid. */
  validate(value: unknown): string[];
}

/** The validator of the success body the data engine generates for `operation` (the same status and media type). */
export function independentResponseValidator(spec: LoadedSpec, operation: Operation): IndependentValidator | undefined {
  const response = operation.responses.find((r) => r.status === '200') ?? operation.responses.find((r) => /^2\d\d$/.test(r.status));
  const media = response && jsonMedia(response.content);
  if (!response || !media) return undefined;
  const node = at(spec.document, `${operation.pointer}/responses/${escape(response.status)}/content/${escape(media.mediaType)}/schema`);
  return node === undefined ? undefined : independentValidator(node);
}

/** The validator of the operation's JSON request body, if it has one. */
export function independentRequestValidator(spec: LoadedSpec, operation: Operation): IndependentValidator | undefined {
  const media = operation.requestBody && jsonMedia(operation.requestBody.content);
  if (!media) return undefined;
  const node = at(spec.document, `${operation.pointer}/requestBody/content/${escape(media.mediaType)}/schema`);
  return node === undefined ? undefined : independentValidator(node);
}

/** The validator of an OpenAPI 3.0 Schema Object ($refs resolved); `rules` default: RULES. */
export function independentValidator(openapiSchema: unknown, rules: readonly Rule[] = RULES): IndependentValidator {
  const converted = fromSchema(openapiSchema as never, { cloneSchema: true }) as Record<string, unknown>;
  const validator = new Validator(adjust(converted, rules) as Schema, '4', false);
  return {
    validate(value) {
      const result = validator.validate(value);
      if (result.valid) return [];
      // cfworker reports every failing ancestor too; the leaves say what is wrong.
      const leaves = result.errors.filter(
        (error) => !result.errors.some((other) => other !== error && other.keywordLocation.startsWith(`${error.keywordLocation}/`)),
      );
      return leaves.map((error) => `${error.instanceLocation} ${error.keyword}: ${error.error}`);
    },
  };
}

/** Applies the rules to every schema node, depth first (the converted schema is a private clone). */
function adjust(node: unknown, rules: readonly Rule[]): unknown {
  if (Array.isArray(node)) return node.map((item) => adjust(item, rules));
  if (node === null || typeof node !== 'object') return node;
  let record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    // Enum and const values are data, not schemas.
    if (key !== 'enum' && key !== 'const' && key !== 'default') record[key] = adjust(value, rules);
  }
  for (const rule of rules) if (rule.applies(record)) record = rule.adjust(record);
  return record;
}

function at(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
