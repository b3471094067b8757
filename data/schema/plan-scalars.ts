/**
 * Plans for strings, numbers and booleans. Facts that pass the node's check are
 * used as they are (a Date written in a style the node accepts, a LegacyFact's
 * value, a number as text or text as a number); otherwise candidates come from
 * the semantic layer, then the format, then the pattern, then plain text or a
 * number in bounds — each checked before it is used, and a value that cannot
 * be made to pass is counted as a miss.
 */
import { isSchemaObject, type JsonSchema, type JsonSchemaObject } from '../../specs/json-schema.ts';
import { NUMBER_TEXT_KEYWORD } from '../../specs/openapi-schema.ts';
import { Rng } from '../random.ts';
import { compileLeafCheck, type LeafCheck } from './checks.ts';
import { DATE_STYLES, Day, isoDate } from './dates.ts';
import { sampleFromPattern } from './patterns.ts';
import { LegacyFact, type FieldHint, type GenState, type Plan, type PlanContext, type Producer } from './plan-types.ts';
import { formatSample, words } from './text.ts';

export function compileString(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint): Plan {
  const check = leafCheck(schema);
  const semantic = usableSemantic(planner, schema, hint, 'string', check);
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  // Dates arrive as Date objects (facts or semantic guesses); the first style this node accepts writes them.
  const probe = Date.UTC(2024, 10, 5, 14, 7, 9, 123);
  const dateStyles = DATE_STYLES.filter((style) => check(style(probe)));
  const dayStyles = [isoDate, ...dateStyles.filter((style) => style !== isoDate)].filter((style) => check(style(probe)));
  const renderDate = (date: Date): string | undefined => {
    for (const style of date instanceof Day ? dayStyles : dateStyles) {
      const text = style(date.getTime());
      if (check(text)) return text;
    }
    return undefined;
  };

  return (state, facts, siblings) => {
    if (facts !== undefined) {
      if (facts instanceof Date) {
        const text = renderDate(facts);
        if (text !== undefined) return text;
      } else if (facts instanceof LegacyFact) {
        if (check(facts.value)) return facts.value;
      }
      if (check(facts)) return facts;
      const adapted = typeof facts === 'number' || typeof facts === 'boolean' ? String(facts) : undefined;
      if (adapted !== undefined && check(adapted)) return adapted;
    }
    if (semantic) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const candidate = semantic(state, siblings);
        if (candidate instanceof Date) {
          const text = renderDate(candidate);
          if (text !== undefined) return text;
        } else if (check(candidate)) return candidate;
      }
    }
    if (format) {
      const candidate = formatSample(format, state.rng, state.env.now);
      if (candidate !== undefined && check(candidate)) return candidate;
    }
    if (pattern) {
      // Where the pattern allows words, words (never symbol soup from a permissive pattern like [\w\W\s]*).
      const text = words(state.rng, Math.max(1, maxLength));
      if (text.length >= minLength && check(text)) return text;
      const candidate = sampleFromPattern(pattern, state.rng, check as (v: string) => boolean);
      if (candidate !== undefined) return candidate;
    }
    let text = words(state.rng, Math.max(1, maxLength));
    if (text.length < minLength) text = text.padEnd(minLength, '0');
    if (text.length > maxLength) text = text.slice(0, maxLength);
    if (!check(text)) planner.miss(`string at ${hint.parent}/${hint.name}`);
    return text;
  };
}

export function compileNumber(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint, type: 'number' | 'integer'): Plan {
  const check = leafCheck(schema);
  const semantic = usableSemantic(planner, schema, hint, type, check);
  const generic = genericNumber(schema, type);
  const numberText = schema[NUMBER_TEXT_KEYWORD];
  const textPattern = isSchemaObject(numberText) && typeof numberText.pattern === 'string' ? numberText.pattern : undefined;

  return (state, facts, siblings) => {
    if (facts !== undefined) {
      if (check(facts)) return facts;
      const parsed = typeof facts === 'string' ? Number(facts) : undefined;
      if (parsed !== undefined && check(parsed)) return parsed;
    }
    if (semantic) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const candidate = semantic(state, siblings);
        if (check(candidate)) return candidate;
      }
    }
    for (let attempt = 0; attempt < 6; attempt++) {
      const candidate = generic(state.rng);
      if (check(candidate)) return candidate;
    }
    if (textPattern) {
      const text = sampleFromPattern(textPattern, state.rng, (v) => check(Number(v)));
      if (text !== undefined) return Number(text);
    }
    planner.miss(`${type} at ${hint.parent}/${hint.name}`);
    return generic(state.rng);
  };
}

export function compileBoolean(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint): Plan {
  const semantic = planner.options.semantic?.(schema, hint, 'boolean');
  return (state, facts, siblings) => {
    if (typeof facts === 'boolean') return facts;
    if (semantic) {
      const value = semantic(state, siblings);
      if (typeof value === 'boolean') return value;
    }
    return state.rng.chance(0.5);
  };
}

/** The node's own check, and those of the allOf keywords mergeAllOf could not fold into it (a second pattern). */
function leafCheck(schema: JsonSchemaObject): LeafCheck {
  const own = compileLeafCheck(schema);
  const unmerged: JsonSchema[] = Array.isArray(schema.__unmerged) ? schema.__unmerged : [];
  const leftovers: LeafCheck[] = unmerged.map((part) => compileLeafCheck(part));
  if (leftovers.length === 0) return own;
  return (value) => own(value) && leftovers.every((check) => check(value));
}

/** The semantic producer for a field, kept only if it can satisfy this node (probed once, at plan time). */
function usableSemantic(
  planner: PlanContext,
  schema: JsonSchemaObject,
  hint: FieldHint,
  type: 'string' | 'number' | 'integer',
  check: LeafCheck,
): Producer | undefined {
  const producer = planner.options.semantic?.(schema, hint, type);
  if (!producer) return undefined;
  const probe: GenState = { rng: new Rng(0x5eed), env: { now: Date.UTC(2025, 0, 15, 12) }, depth: 0 };
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const candidate = producer(probe, undefined);
      // A Date is written later in a style the node accepts (or dropped for the next source when none fits).
      if (candidate instanceof Date || check(candidate)) return producer;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A number inside the schema's bounds: two decimals for `number`, whole for `integer`, honouring multipleOf and digit limits. */
function genericNumber(schema: JsonSchemaObject, type: 'number' | 'integer'): (rng: Rng) => number {
  const text = schema['x-aferir-number-text'] as { maxLength?: number } | undefined;
  const low =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (type === 'integer' ? 1 : 0.01)
        : 0;
  let high =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (type === 'integer' ? 1 : 0.01)
        : Math.max(low, 0) + 1000;
  if (text?.maxLength !== undefined) high = Math.min(high, 10 ** Math.max(1, text.maxLength - (type === 'number' ? 3 : 0)) - 1);
  if (high - low > 1_000_000) high = low + 1_000_000;
  if (high < low) high = low;
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined;
  return (rng) => {
    if (step) {
      const first = Math.ceil(low / step);
      const last = Math.floor(high / step);
      return Number((rng.int(first, Math.max(first, last)) * step).toFixed(10));
    }
    if (type === 'integer') return rng.int(Math.ceil(low), Math.floor(high));
    return Math.round(rng.float(low, high) * 100) / 100;
  };
}
