/** The options of `runSuite`, each with its default. */
import type { SpecLoadOptions } from '../../specs/load-options.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { ClientOptions } from '../http/client.ts';
import type { RequestSigningOptions } from '../http/request-signer.ts';
import type { CredentialOptions } from '../plan/credentials.ts';
import type { Severity } from '../result-model.ts';
import type { FlowSuite } from './flow-suite.ts';
import type { RunObserver } from './observer.ts';
import type { ShardSpec } from './shard.ts';
import type { LiveSecrets } from '../secrets/live-secrets.ts';

export const DEFAULT_MAX_WALK_PAGES = 50;
export const DEFAULT_CONSISTENCY_LIMIT = 25;

interface SuiteTarget {
  /** Catalogue id, file path or URL of the spec, or a spec already loaded. */
  spec: string | LoadedSpec;
  /** The API base URL, e.g. `https://api.bank.example/open-banking/accounts/v2`. */
  target: string;
  /** Known values for this spec only (merged over `RunOptions.params`). Default: none. */
  params?: Record<string, string>;
  /**
   * This spec's own token (the demo's consent-bound token for one ecosystem's APIs, while the others keep
   * theirs); a function is read at each request, its values reach the scrubber through liveSecrets. Default: RunOptions.token.
   */
  token?: string | (() => string);
}

export interface RunOptions extends ClientOptions, CredentialOptions {
  /** What to test: one (spec, target) pair per spec. */
  suites: SuiteTarget[];
  /** How specs given by reference are loaded (`--ref-root`, `--spec-timeout`). Default: each spec's own folder or origin, 30 s. */
  specLoad?: SpecLoadOptions;
  /** `--param name=value`: path parameters (and query, header or Opus body values) discovery cannot find. Default: none. */
  params?: Record<string, string>;
  /** Run only these check ids (`--only`). Default: every check. */
  only?: string[];
  /** Leave out these check ids (`--skip`). Default: none. */
  skip?: string[];
  /** Permissions the --token-without-permissions token lacks. Default: every permission the spec lists. */
  missingPermissions?: string[];
  /** Which severity fails the run (`--fail-on`). Default `error`. */
  failOn?: Severity;
  /** `--allow-skips`: pass however few operations a check could exercise. Default false. */
  allowSkips?: boolean;
  /**
   * `--min-coverage`: the fraction of operations (0..1) that checks able to fail must exercise for the run to pass.
   * Default 1: every operation. Ignored with `allowSkips`.
   */
  minCoverage?: number;
  /** The clock for "today", D-6 and the booking windows. Default: the system clock. */
  now?: Date;
  /** Seed of the data engine that generates request bodies. Default 1 (the mock's default). */
  seed?: string | number;
  /** Pages the paging walk reads at most. Default 50. */
  maxWalkPages?: number;
  /** List ids looked up on their detail endpoint at most, per operation. Default 25. */
  consistencyLimit?: number;
  /** Body bytes kept per result as evidence. Default 64 KiB. */
  evidenceBytes?: number;
  /** Watch the run: its start, progress, each result and the end (the CLI's progress lines, reports/' file writer). Default: none. */
  observers?: readonly RunObserver[];
  /**
   * Aborting it stops the run early: no new request is sent, the ones in flight are cancelled, the checks
   * that did not finish are skipped results saying so, and the run is marked interrupted (never a pass).
   * A string reason (`controller.abort('SIGINT')`) is recorded as the interruption's signal. Default: none.
   */
  signal?: AbortSignal;
  /**
   * Run the checks of only these operations, as `spec operation` (e.g. `ofb-accounts-2.4.1 accountsGetAccounts`);
   * the others send just their valid request, for the ids they list (`aferir replay`). Default: every operation.
   */
  operations?: readonly string[];
  /** Run only this shard of the plan (`--shard i/n`, see shard.ts); results.json records it for `report merge`. Default: the whole plan. */
  shard?: ShardSpec;
  /** Journeys run before the per-operation suites (the consents suite of `--auth`). Default: none. */
  flows?: readonly FlowSuite[];
  /** Secrets learnt during the run (tokens refreshed mid-run), scrubbed like the others from the moment they are added. Default: none. */
  liveSecrets?: LiveSecrets;
  /** The client key that signs `application/jwt` request bodies (`--auth`'s). Default: a key generated for the run, which the target cannot verify. */
  requestSigning?: RequestSigningOptions;
  /** `--target-jwks`: the JWKS (URL or file) the target's signed responses must verify against. Default: none (jws-signature is skipped). */
  targetJwks?: string;
  /** Written into results.json. Default: aferir and package.json's version. */
  tool?: { name: string; version: string };
}
