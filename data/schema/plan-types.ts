/**
 * The vocabulary of the schema planner: the markers domain facts use to steer
 * generation (OMIT, LegacyFact, Verbatim), the shape of a plan and of the state
 * it runs with, the planner's options, and the narrow view of the planner that
 * the per-kind compilers (object, array, scalar, choice) are given.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema } from '../../specs/types.ts';
import type { Rng } from '../random.ts';

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
export type SemanticResolver = (
  schema: JsonSchemaObject,
  hint: FieldHint,
  type: 'string' | 'number' | 'integer' | 'boolean',
) => Producer | undefined;

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

/** PlannerOptions with every default filled in. */
export type ResolvedPlannerOptions = Required<Omit<PlannerOptions, 'semantic' | 'compile'>> & PlannerOptions;

export interface PlanStats {
  /** Values that could not be made to pass their check (should stay 0; tests assert it). */
  misses: number;
  lastMiss?: string;
}

/** What a per-kind compiler may ask of the planner: plans for child nodes (cached), the options, and a way to report a miss. */
export interface PlanContext {
  readonly options: ResolvedPlannerOptions;
  plan(schema: JsonSchema, hint: FieldHint): Plan;
  /** Counts a value that failed its own check, naming where (see PlanStats). */
  miss(where: string): void;
}
