/**
 * What a check is (DESIGN.md, "How we write code here"): a small named
 * function that returns findings, never throwing for a non-conformance. Two
 * kinds:
 *  - a probe check sends what it needs (through the context, which shares
 *    identical requests between checks) and judges the answers;
 *  - an exchange check judges every exchange of the operation it selects
 *    (schema, content type, headers), whichever check caused it.
 * The engine adds the id, severity, evidence and timing, and turns a check
 * that throws into a `check-error` result.
 */
import type { PublicJwk } from '../../specs/jws.ts';
import type { FamilyProfile } from '../../families/index.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Finding, Severity } from '../result-model.ts';
import type { Discovery } from '../plan/discovery.ts';
import type { Input } from '../plan/inputs.ts';
import type { PagingProfile } from '../plan/paging.ts';
import type { RequestPlan } from '../plan/request-plan.ts';

export interface CheckFinding extends Omit<Finding, 'exchange'> {
  /** The exchange this finding is about; the result shows it as evidence and names it in the finding. */
  on?: Exchange;
}

/** `true`: run it; `false`: does not apply here (no result); a string: applies but cannot run (a skipped result with this reason). */
export type Applicability = boolean | string;

export interface Skip {
  skip: string;
}

export type CheckOutcome = CheckFinding[] | Skip | { findings: CheckFinding[]; evidence?: Exchange; message?: string };

/** Settings of the run the checks read. */
export interface CheckSettings {
  /** Whether --token-without-permissions was given. */
  hasLimitedToken: boolean;
  /** Permissions the limited token lacks; undefined = it lacks all of them. */
  missingPermissions?: readonly string[];
  /** Whether --token was given. */
  hasToken: boolean;
  /** The clock "today", D-6 and the windows are computed from. */
  now: Date;
  /** Pages the walk reads at most. */
  maxWalkPages: number;
  /** List ids looked up on their detail endpoint at most. */
  consistencyLimit: number;
  /** The keys of `--target-jwks`, which the target's signed bodies must verify against. Default: none given. */
  targetJwks?: readonly PublicJwk[];
  /** Whether the target can verify the run's signed request bodies (the `--auth` client's key signs them). Default false. */
  verifiableSignatures?: boolean;
}

export interface OperationContext {
  readonly spec: LoadedSpec;
  readonly operation: Operation;
  /** The rules of the spec's family that checks read (error envelope, requestDateTime, paging). */
  readonly profile: FamilyProfile;
  readonly paging?: PagingProfile;
  readonly inputs: readonly Input[];
  /** The valid request of this operation, or why none could be built. */
  readonly plan: RequestPlan | { unavailable: string };
  readonly settings: CheckSettings;
  readonly discovery: Discovery;
  /** Every exchange of this operation so far. */
  readonly exchanges: readonly Exchange[];
  /** Sends `plan` once per key; every check asking for the same key shares the exchange. */
  probe(key: string, label: string, plan: RequestPlan): Promise<Exchange>;
  /** The exchange of the valid request. */
  valid(): Promise<Exchange>;
  /** A memoised multi-request probe (the paging walk), shared by the checks that read it. */
  shared<T>(key: string, run: () => Promise<T>): Promise<T>;
  /** Variants of a plan with exactly one thing broken, from the data engine (none when it offers none). */
  brokenVariants(plan: RequestPlan): BrokenVariant[];
  /** A value the data engine makes for a schema (the same for the same key); undefined when it makes none. */
  sampleValue(schema: JsonSchema, key: string): unknown;
}

export interface BrokenVariant {
  /** Stable name, e.g. `missing-required-body-field:/requestMeta`. */
  name: string;
  /** One sentence: what was broken. */
  description: string;
  location: 'path' | 'query' | 'header' | 'body';
  /** Parameter name or JSON pointer into the body. */
  target: string;
  /** What a conforming server answers: 404 for an id that does not exist, 400/422 otherwise. */
  expect: 'not-found' | 'invalid';
  plan: RequestPlan;
}

interface BaseCheck {
  /** Stable kebab-case id: what --only/--skip take and reports show. */
  id: string;
  /** One line, shown by the reports next to the id. */
  description: string;
  severity: Severity;
  /** Guards (see guards.ts), all of which must pass. */
  guards: ReadonlyArray<(ctx: OperationContext) => Applicability>;
}

export interface ProbeCheck extends BaseCheck {
  kind: 'probe';
  run(ctx: OperationContext): CheckOutcome | Promise<CheckOutcome>;
}

export interface ExchangeCheck extends BaseCheck {
  kind: 'exchange';
  /** Which exchanges this check judges. */
  selects(exchange: Exchange, ctx: OperationContext): boolean;
  inspect(exchange: Exchange, ctx: OperationContext): CheckFinding[];
  /**
   * The skip reason when no exchange of the operation was selected; a function when the reason
   * depends on what the spec documents for the operation (so the skip says why the spec allows it).
   */
  nothingToInspect: string | ((ctx: OperationContext) => string);
}

export type Check = ProbeCheck | ExchangeCheck;

export function skip(reason: string): Skip {
  return { skip: reason };
}

export function isSkip(value: unknown): value is Skip {
  return typeof value === 'object' && value !== null && typeof (value as Skip).skip === 'string';
}
