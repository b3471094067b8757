/**
 * Schema → generator plan, compiled once per (schema node, field name): a tree
 * of closures that produce a value that validates, given a PRNG stream and,
 * optionally, domain *facts* — a partial value of the same shape that the
 * domain models want to see (an account's number, a contract's amount). Facts
 * that fit the node are used as they are, facts that do not are adapted or
 * ignored, and everything the facts leave open is generated: first by the
 * semantic layer (a CPF for a `cpf` field), then from the format, then from
 * the pattern, then as plain text — each candidate checked before it is used.
 */
import type { JsonSchema } from '../../../specs/types.ts';
import { Rng } from '../random.ts';
import { compileLeafCheck, typesOf, type LeafCheck } from './checks.ts';
import { DATE_STYLES, Day, isoDate } from './dates.ts';
import { mergeAllOf } from './merge.ts';
import { sampleFromPattern } from './patterns.ts';
import { formatSample, words } from './text.ts';

/** Put under a key of an object's facts to leave an optional property out. */
export const OMIT: unique symbol = Symbol('aferir.omit');

/**
 * An identifier as the domain knows it: a plain string where the spec wants a string (OFB's accountId), and a
 * one-pair LegacyId list `[{key, value}]` where the spec wants Opus' LegacyId — so one fact serves both variants.
 */
export class LegacyFact {
  constructor(
    readonly key: string,
    readonly value: string,
  ) {}
}

/** A value already rendered (e.g. a page's `data`): placed as it is, not walked again. */
export class Verbatim {
  constructor(readonly value: unknown) {}
}

/** Where a value sits: its property name and its parent's, which is what the semantic layer reads. */
export interface FieldHint {
  name: string;
  parent: string;
}

export interface GenEnv {
  /** The world's clock in epoch milliseconds. */
  now: number;
}

export interface GenState {
  rng: Rng;
  env: GenEnv;
  depth: number;
}

/** The object being built so far: siblings generated before this field (document types before numbers, banks before accounts). */
export type Siblings = Record<string, unknown> | undefined;
export type Plan = (state: GenState, facts: unknown, siblings: Siblings) => unknown;
export type Producer = (state: GenState, siblings: Siblings) => unknown;
export type SemanticResolver = (schema: Record<string, any>, hint: FieldHint, type: 'string' | 'number' | 'integer' | 'boolean') => Producer | undefined;

export interface PlannerOptions {
  /** Field recognition (CPF, money, names…); none = a purely structural generator. */
  semantic?: SemanticResolver;
  /** Compiles a schema to a validation function; used only for oneOf exclusivity and facts under anyOf/oneOf. */
  compile?: (schema: JsonSchema) => (value: unknown) => boolean;
  /** How deep objects nest before only required properties are generated (default 10). */
  maxDepth?: number;
  /** Chance that an optional property without facts is present (default 0.85). */
  optionalRate?: number;
  /** Chance that a nullable value without facts is null (default 0.08). */
  nullRate?: number;
}

const ROOT: FieldHint = { name: '', parent: '' };

/** Properties whose values others depend on are generated first (a document type before the document). */
function priority(name: string): number {
  if (/(person|document|key|account|holder|bank)_?type$|^type$|^category$|^kind$/i.test(name)) return 0;
  if (/currency|indicator|periodicity|^status$/i.test(name)) return 1;
  if (/compe|bank_?code|ispb/i.test(name)) return 2;
  if (/branch|agency|agencia/i.test(name)) return 3;
  if (/number$|^account$|bank_account$/i.test(name)) return 4;
  if (/check_?digit|_digit$/i.test(name)) return 6;
  return 5;
}

export interface PlanStats {
  /** Values that could not be made to pass their check (should stay 0; tests assert it). */
  misses: number;
  lastMiss?: string;
}

export class SchemaPlanner {
  readonly stats: PlanStats = { misses: 0 };
  private readonly plans = new WeakMap<object, Map<string, Plan>>();
  private readonly options: Required<Omit<PlannerOptions, 'semantic' | 'compile'>> & PlannerOptions;

  constructor(options: PlannerOptions = {}) {
    this.options = { maxDepth: 10, optionalRate: 0.85, nullRate: 0.08, ...options };
  }

  /** The plan of a schema node for a field; compiled on first use and cached. */
  plan(schema: JsonSchema, hint: FieldHint = ROOT): Plan {
    if (typeof schema === 'boolean') return () => (schema ? 'valor' : null);
    let byHint = this.plans.get(schema);
    if (!byHint) {
      byHint = new Map();
      this.plans.set(schema, byHint);
    }
    const key = `${hint.parent}/${hint.name}`;
    let plan = byHint.get(key);
    if (!plan) {
      // A placeholder breaks cycles: a schema that contains itself is planned once and refers to its own plan.
      let compiled: Plan | undefined;
      byHint.set(key, (state, facts, siblings) => compiled!(state, facts, siblings));
      compiled = this.compile(schema, hint);
      byHint.set(key, compiled);
      plan = compiled;
    }
    return plan;
  }

  /** One value for a schema (convenience for callers outside the hot path). */
  generate(schema: JsonSchema, rng: Rng, env: GenEnv, facts?: unknown, hint: FieldHint = ROOT): unknown {
    return this.plan(schema, hint)({ rng, env, depth: 0 }, facts, undefined);
  }

  private compile(raw: Record<string, any>, hint: FieldHint): Plan {
    const schema = mergeAllOf(raw);
    if ('const' in schema) return () => schema.const;
    if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return this.compileChoice(schema, hint);
    const types = typesOf(schema) ?? inferTypes(schema);
    const nonNull = types.filter((t) => t !== 'null');
    if (Array.isArray(schema.enum)) return this.compileEnum(schema, types);
    if (nonNull.length === 0) return () => null;
    const inner = this.compileType(schema, nonNull[0], hint);
    if (nonNull.length === types.length) return inner;
    // Deprecated nullable fields are "always null" in practice (Belvo documents them so): null unless facts say otherwise.
    const nullRate = schema.deprecated === true ? 1 : this.options.nullRate;
    return (state, facts, siblings) => {
      if (facts === null) return null;
      if (facts === undefined && state.rng.chance(nullRate)) return null;
      return inner(state, facts, siblings);
    };
  }

  private compileType(schema: Record<string, any>, type: string, hint: FieldHint): Plan {
    switch (type) {
      case 'object':
        return this.compileObject(schema, hint);
      case 'array':
        return this.compileArray(schema, hint);
      case 'string':
        return this.compileString(schema, hint);
      case 'number':
      case 'integer':
        return this.compileNumber(schema, hint, type);
      case 'boolean':
        return this.compileBoolean(schema, hint);
      default:
        return () => null;
    }
  }

  private compileEnum(schema: Record<string, any>, types: string[]): Plan {
    const allowed = (schema.enum as unknown[]).filter((v) => v !== null || types.includes('null') || types.length === 0);
    const nonNull = allowed.filter((v) => v !== null);
    const check = compileLeafCheck(schema);
    const choices = nonNull.length > 0 ? nonNull : allowed;
    const nullRate = nonNull.length < allowed.length ? this.options.nullRate : 0;
    return (state, facts) => {
      if (facts !== undefined && check(facts)) return facts;
      if (nullRate > 0 && state.rng.chance(nullRate)) return null;
      return state.rng.pick(choices);
    };
  }

  private compileChoice(schema: Record<string, any>, hint: FieldHint): Plan {
    const exclusive = Array.isArray(schema.oneOf);
    const { oneOf, anyOf, ...shared } = schema;
    const branches = ((oneOf ?? anyOf) as JsonSchema[]).map((branch) =>
      typeof branch === 'boolean' ? branch : mergeAllOf({ allOf: [shared, branch] }),
    );
    const plans = branches.map((branch) => this.plan(branch, hint));
    const compile = this.options.compile;
    const validators = compile ? branches.map((branch) => compile(branch)) : undefined;
    return (state, facts, siblings) => {
      if (facts !== undefined && validators) {
        const fitting = validators.findIndex((valid) => valid(facts));
        if (fitting >= 0) return plans[fitting](state, facts, siblings);
      }
      const start = state.rng.int(0, plans.length - 1);
      let value: unknown;
      for (let attempt = 0; attempt < plans.length * 3; attempt++) {
        const index = (start + attempt) % plans.length;
        value = plans[index](state, facts, siblings);
        if (!exclusive || !validators) return value;
        if (validators.every((valid, other) => other === index || !valid(value))) return value;
      }
      this.miss(`oneOf at ${hint.parent}/${hint.name}`);
      return value;
    };
  }

  private compileObject(schema: Record<string, any>, hint: FieldHint): Plan {
    const properties = Object.entries<JsonSchema>(schema.properties ?? {});
    const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
    const deprecated = properties.map(([, child]) => typeof child === 'object' && child.deprecated === true);
    const children = properties.map(([name, child]) => this.plan(child, { name, parent: hint.name }));
    const order = properties.map((_, i) => i).sort((a, b) => priority(properties[a][0]) - priority(properties[b][0]) || a - b);
    const reordered = order.some((value, i) => value !== i);
    const map = properties.length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? this.plan(schema.additionalProperties, { name: 'value', parent: hint.name })
      : undefined;
    const { maxDepth, optionalRate } = this.options;

    return (state, facts) => {
      const given = facts !== null && typeof facts === 'object' && !Array.isArray(facts) ? (facts as Record<string | symbol, unknown>) : undefined;
      const out: Record<string, unknown> = {};
      const shallow = state.depth >= maxDepth;
      state.depth++;
      for (const index of order) {
        const name = properties[index][0];
        let fact = given?.[name];
        const isRequired = required.has(name);
        if (fact === OMIT) {
          if (!isRequired) continue;
          fact = undefined;
        }
        if (!isRequired && fact === undefined && (shallow || deprecated[index] || !state.rng.chance(optionalRate))) continue;
        out[name] = fact instanceof Verbatim ? fact.value : children[index](state, fact, out);
      }
      if (map && !shallow) {
        const count = given ? Object.keys(given).length : state.rng.int(1, 2);
        const keys = given ? Object.keys(given) : Array.from({ length: count }, (_, i) => `campo${i + 1}`);
        for (const key of keys) out[key] = map(state, given?.[key], out);
      }
      state.depth--;
      if (!reordered) return out;
      const ordered: Record<string, unknown> = {};
      for (const [name] of properties) if (name in out) ordered[name] = out[name];
      for (const key of Object.keys(out)) if (!(key in ordered)) ordered[key] = out[key];
      return ordered;
    };
  }

  private compileArray(schema: Record<string, any>, hint: FieldHint): Plan {
    const itemSchema: JsonSchema = schema.items && !Array.isArray(schema.items) ? schema.items : {};
    const item = this.plan(itemSchema, hint);
    const low = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const high = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
    const unique = schema.uniqueItems === true;
    const legacy = isKeyValueItem(itemSchema);
    const { maxDepth } = this.options;

    return (state, facts, siblings) => {
      let given: unknown[] | undefined = Array.isArray(facts) ? facts : undefined;
      // An id where the spec wants Opus' LegacyId list ({key, value} pairs): the same id, wrapped.
      if (!given && legacy && facts instanceof LegacyFact) given = [{ key: facts.key, value: facts.value }];
      else if (!given && legacy && (typeof facts === 'string' || typeof facts === 'number')) given = [{ key: hint.name || 'id', value: String(facts) }];
      let count: number;
      if (given) {
        count = Math.min(Math.max(given.length, low), high);
      } else {
        const least = high === 0 ? 0 : Math.max(low, 1);
        count = state.depth >= maxDepth ? least : state.rng.int(least, Math.min(high, least + 2));
      }
      const out: unknown[] = [];
      const seen = unique ? new Set<string>() : undefined;
      for (let i = 0; i < count; i++) {
        let value = item(state, given?.[i], siblings);
        if (seen) {
          for (let attempt = 0; attempt < 12 && seen.has(JSON.stringify(value)); attempt++) value = item(state, undefined, siblings);
          const key = JSON.stringify(value);
          if (seen.has(key)) {
            if (out.length >= low) break;
            this.miss(`uniqueItems at ${hint.parent}/${hint.name}`);
          }
          seen.add(key);
        }
        out.push(value);
      }
      return out;
    };
  }

  private compileString(schema: Record<string, any>, hint: FieldHint): Plan {
    const check = this.leafCheck(schema);
    const semantic = this.usableSemantic(schema, hint, 'string', check);
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
        const candidate = sampleFromPattern(pattern, state.rng, check as (v: string) => boolean);
        if (candidate !== undefined) return candidate;
      }
      let text = words(state.rng, Math.max(1, maxLength));
      if (text.length < minLength) text = text.padEnd(minLength, '0');
      if (text.length > maxLength) text = text.slice(0, maxLength);
      if (!check(text)) this.miss(`string at ${hint.parent}/${hint.name}`);
      return text;
    };
  }

  private compileNumber(schema: Record<string, any>, hint: FieldHint, type: 'number' | 'integer'): Plan {
    const check = this.leafCheck(schema);
    const semantic = this.usableSemantic(schema, hint, type, check);
    const generic = genericNumber(schema, type);
    const textPattern: string | undefined = schema['x-aferir-number-text']?.pattern;

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
      this.miss(`${type} at ${hint.parent}/${hint.name}`);
      return generic(state.rng);
    };
  }

  private compileBoolean(schema: Record<string, any>, hint: FieldHint): Plan {
    const semantic = this.options.semantic?.(schema, hint, 'boolean');
    return (state, facts, siblings) => {
      if (typeof facts === 'boolean') return facts;
      if (semantic) {
        const value = semantic(state, siblings);
        if (typeof value === 'boolean') return value;
      }
      return state.rng.chance(0.5);
    };
  }

  private leafCheck(schema: Record<string, any>): LeafCheck {
    const own = compileLeafCheck(schema);
    const leftovers: LeafCheck[] = (schema.__unmerged ?? []).map((part: Record<string, any>) => compileLeafCheck(part));
    if (leftovers.length === 0) return own;
    return (value) => own(value) && leftovers.every((check) => check(value));
  }

  /** The semantic producer for a field, kept only if it can satisfy this node (probed once, at plan time). */
  private usableSemantic(schema: Record<string, any>, hint: FieldHint, type: 'string' | 'number' | 'integer', check: LeafCheck): Producer | undefined {
    const producer = this.options.semantic?.(schema, hint, type);
    if (!producer) return undefined;
    const probe: GenState = { rng: new Rng(0x5eed), env: { now: Date.UTC(2025, 0, 15, 12) }, depth: 0 };
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        if (check(producer(probe, undefined))) return producer;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private miss(where: string): void {
    this.stats.misses++;
    this.stats.lastMiss = where;
  }
}

function inferTypes(schema: Record<string, any>): string[] {
  if (schema.properties || schema.additionalProperties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  if (Array.isArray(schema.enum)) return [...new Set((schema.enum as unknown[]).map((v) => (v === null ? 'null' : typeof v)))];
  if (typeof schema.minimum === 'number' || typeof schema.maximum === 'number') return ['number'];
  return ['string'];
}

function isKeyValueItem(schema: JsonSchema): boolean {
  if (typeof schema !== 'object') return false;
  const properties = schema.properties;
  return !!properties && 'key' in properties && 'value' in properties && Object.keys(properties).length === 2;
}

/** A number inside the schema's bounds: two decimals for `number`, whole for `integer`, honouring multipleOf and digit limits. */
function genericNumber(schema: Record<string, any>, type: 'number' | 'integer'): (rng: Rng) => number {
  const text = schema['x-aferir-number-text'] as { maxLength?: number } | undefined;
  let low = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (type === 'integer' ? 1 : 0.01) : 0;
  let high = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - (type === 'integer' ? 1 : 0.01) : Math.max(low, 0) + 1000;
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
