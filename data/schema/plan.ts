/**
 * Schema → generator plan, compiled once per (schema node, field name): a tree
 * of closures that produce a value that validates, given a PRNG stream and,
 * optionally, domain *facts* — a partial value of the same shape that the
 * domain models want to see (an account's number, a contract's amount). Facts
 * that fit the node are used as they are, facts that do not are adapted or
 * ignored, and everything the facts leave open is generated: first by the
 * semantic layer (a CPF for a `cpf` field), then from the format, then from
 * the pattern, then as plain text — each candidate checked before it is used.
 *
 * This file is the entry: the planner (cache, cycles, const/nullable/type
 * dispatch). Each kind of node is compiled in its own file — plan-object.ts,
 * plan-array.ts, plan-scalars.ts, plan-choice.ts (enum, oneOf/anyOf) — and the
 * shared types and fact markers live in plan-types.ts, re-exported here.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { itemAt, type Rng } from '../random.ts';
import { typesOf } from './checks.ts';
import { mergeAllOf } from './merge.ts';
import { compileArray } from './plan-array.ts';
import { compileChoice, compileEnum } from './plan-choice.ts';
import { compileObject } from './plan-object.ts';
import { compileBoolean, compileNumber, compileString } from './plan-scalars.ts';
import type { FieldHint, GenEnv, Plan, PlanContext, PlannerOptions, PlanStats, ResolvedPlannerOptions } from './plan-types.ts';

export { LegacyFact, OMIT, Verbatim } from './plan-types.ts';
export type { FieldHint, GenEnv, GenState, Plan, PlannerOptions, PlanStats, Producer, SemanticResolver, Siblings } from './plan-types.ts';

const ROOT: FieldHint = { name: '', parent: '' };

export class SchemaPlanner {
  readonly stats: PlanStats = { misses: 0 };
  private readonly plans = new WeakMap<object, Map<string, Plan>>();
  private readonly options: ResolvedPlannerOptions;
  /** What the per-kind compilers see of this planner. */
  private readonly context: PlanContext;

  constructor(options: PlannerOptions = {}) {
    this.options = { maxDepth: 10, optionalRate: 0.85, nullRate: 0.08, ...options };
    this.context = {
      options: this.options,
      plan: (schema, hint) => this.plan(schema, hint),
      miss: (where) => {
        this.stats.misses++;
        this.stats.lastMiss = where;
      },
    };
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
      const slot: { compiled?: Plan } = {};
      byHint.set(key, (state, facts, siblings) => slot.compiled!(state, facts, siblings));
      slot.compiled = this.compile(schema, hint);
      byHint.set(key, slot.compiled);
      plan = slot.compiled;
    }
    return plan;
  }

  /** One value for a schema (convenience for callers outside the hot path). */
  generate(schema: JsonSchema, rng: Rng, env: GenEnv, facts?: unknown, hint: FieldHint = ROOT): unknown {
    return this.plan(schema, hint)({ rng, env, depth: 0 }, facts, undefined);
  }

  private compile(raw: JsonSchemaObject, hint: FieldHint): Plan {
    const schema = mergeAllOf(raw);
    if ('const' in schema) return () => schema.const;
    if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return compileChoice(this.context, schema, hint);
    const types = typesOf(schema) ?? inferTypes(schema);
    const nonNull = types.filter((t) => t !== 'null');
    if (Array.isArray(schema.enum)) return compileEnum(this.context, schema, types, hint);
    if (nonNull.length === 0) return () => null;
    const inner = this.compileType(schema, itemAt(nonNull, 0), hint);
    if (nonNull.length === types.length) return inner;
    // Deprecated nullable fields are "always null" in practice (Belvo documents them so): null unless facts say otherwise.
    const nullRate = schema.deprecated === true ? 1 : this.options.nullRate;
    return (state, facts, siblings) => {
      if (facts === null) return null;
      if (facts === undefined && state.rng.chance(nullRate)) return null;
      return inner(state, facts, siblings);
    };
  }

  private compileType(schema: JsonSchemaObject, type: string, hint: FieldHint): Plan {
    switch (type) {
      case 'object':
        return compileObject(this.context, schema, hint);
      case 'array':
        return compileArray(this.context, schema, hint);
      case 'string':
        return compileString(this.context, schema, hint);
      case 'number':
      case 'integer':
        return compileNumber(this.context, schema, hint, type);
      case 'boolean':
        return compileBoolean(this.context, schema, hint);
      default:
        return () => null;
    }
  }
}

/** The type of a node that names none, guessed from the keywords it has. */
function inferTypes(schema: JsonSchemaObject): string[] {
  if (schema.properties || schema.additionalProperties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  if (Array.isArray(schema.enum)) return [...new Set((schema.enum as unknown[]).map((v) => (v === null ? 'null' : typeof v)))];
  if (typeof schema.minimum === 'number' || typeof schema.maximum === 'number') return ['number'];
  return ['string'];
}
