/**
 * The contract between the data engine (data/) and its users: the mock
 * server (mocks/server) and the conformance suites (suites/). The engine owns
 * *what* the data is; the server owns the protocol around it (routing, paging
 * links and meta, headers, errors, faults).
 *
 * Everything here is deterministic: the same seed and the same `now` give the
 * same world, byte for byte.
 */
import type { JsonSchema, LoadedSpec, Operation } from '../specs/types.ts';

export interface WorldOptions {
  /** Any string or number; the default seed of `aferir mock` is 1. */
  seed: string | number;
  /** The world's clock: dates, "last 7 days", requestDateTime. */
  now: Date;
  /**
   * Booked statement entries per account (added for load tests and the memory benchmark, e.g. 1_000_000).
   * Default: derived from each account's age and activity (a few hundred to a few thousand).
   * Any size costs the same memory: entries are generated only when a page is rendered (their JSON texts are kept
   * within a fixed bound, data/resolve/item-texts.ts).
   */
  transactionsPerAccount?: number;
  /**
   * Records in each list of a spec no domain model knows, and ids of each kind it shows (`--world large`).
   * Default: 3–12 records per list over 5 ids.
   */
  recordsPerList?: number;
}

/** What the server extracted from a request that the data depends on. */
export interface DataRequest {
  /** Path parameters by name, already percent-decoded. */
  pathParams: Record<string, string>;
  /** Query parameters by name (repeated ones as arrays), already decoded. */
  query: Record<string, string | string[]>;
  /** Parsed JSON body (Opus POST APIs carry ids, filters and paging there). */
  body?: unknown;
}

/**
 * The answer for one operation. For lists, the engine does not build the page:
 * it says how many items there are and renders any window lazily, so that a
 * million-item list costs nothing until a page is asked for.
 */
export type DataAnswer =
  /** The id in the path/body does not exist in this world. */
  | { kind: 'not-found'; message: string }
  /** The request is well-formed but cannot be processed (e.g. a transactions-current window outside D-6..D). */
  | { kind: 'unprocessable'; message: string; code?: string }
  /** A single resource: the value of the response body's data member (`data` for ofb/opin/opus; the whole body for the originator). */
  | { kind: 'object'; data: unknown }
  /**
   * A paged list. `render(offset, limit)` returns the value of the body's data member for that window
   * (an array of items, or — where the spec pages a nested list, such as financing payments' `releases` —
   * the object that holds the window). Items are a pure function of (seed, resource, index).
   */
  | {
      kind: 'page';
      total: number;
      render(offset: number, limit: number): unknown;
      /**
       * For lists whose item i depends only on (world, resource, i): the UTF-8 JSON of what `render` returns — the
       * same bytes as its JSON.stringify, once concatenated — as the kept texts of its items between `[`, `,` and `]`
       * (data/resolve/item-texts.ts).
       */
      renderJson?(offset: number, limit: number): Buffer[];
    };

/**
 * What `resolve` answers, by operation (OFB and Opus variants alike; Opus reads ids, filters and paging from the body):
 * - lists → `page` whose `render` returns the items: accounts (filter accountType), transactions and
 *   transactions-current (window fromBookingDate..toBookingDate, default today; creditDebitIndicator; `total` is the
 *   filtered count; entries sorted by transactionDateTime, oldest first), contracts, warranties, OPIN movements
 *   (one per instalment paid, oldest first), Belvo accounts (all of them; the server applies Belvo's filters on the rendered results).
 * - financings payments → `page` over the `releases` list; `render` returns `{paidInstalments, contractOutstandingBalance, releases}`.
 * - OPIN contracts list → `page` whose `total` counts contracts; `render` groups the window's contracts under their brand
 *   and companies as the schema nests them, so `data` has one entry per brand (usually one).
 * - single resources → `object`: account, balances, overdraft-limits, contract, scheduled-instalments (an instalment
 *   summary, not a list), OPIN contract-info, originator application (the whole body), account-discovery/discovery,
 *   check-account-holder.
 * - `not-found` for ids the lists do not show; `unprocessable` (code PARAMETRO_INVALIDO or PARAMETRO_NAO_INFORMADO) for a
 *   booking window that is malformed, reversed, half-given, or — on transactions-current — outside D-6..D.
 * `data/envelope.ts` exports `buildEnvelope(spec, operation, answer, options)` (data + links + meta as the response
 * schema declares them), with the paging rules of `data/paging.ts` that the mock server uses too.
 */
export interface World {
  readonly seed: string;
  readonly now: Date;

  /** The data for one operation, given what the request asked for. */
  resolve(spec: LoadedSpec, operation: Operation, request: DataRequest): DataAnswer;

  /**
   * A valid value for any schema (error bodies, `Prefer: code=…`, generic specs),
   * deterministic in (seed, key). Always validates against `schema`.
   */
  sample(spec: LoadedSpec, schema: JsonSchema, key: string): unknown;

  /** A valid request for an operation: path parameters that exist, query values, and a body (Opus POST). */
  validRequest(spec: LoadedSpec, operation: Operation, index?: number): GeneratedRequest;
}

export interface GeneratedRequest {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * One negative variant of a valid request: exactly one thing broken. Yielded by
 * `requestDefects(spec, operation, request)` (exported by data/index.ts), which takes a
 * request from `World.validRequest` and yields, in a stable order:
 * - `unknown-id:<param>` / `unknown-id:/<bodyField>` — an id of the right shape that does not exist (expect 404);
 * - `missing-required-query:<name>`, `bad-query:<name>` (above maximum, below minimum, off enum, bad date);
 * - `missing-required-header:<name>` (never Authorization: the caller owns the token);
 * - `missing-required-body-field:<pointer>`, `wrong-type:<pointer>`, `bad-pattern:<pointer>`, `bad-enum:<pointer>`,
 *   `out-of-range:<pointer>` for the JSON body, nested fields included (pointer like `/consent/loggedUser`).
 */
export interface RequestDefect {
  /** Stable kebab-case name with its target, e.g. `missing-required-body-field:/requestMeta`. */
  name: string;
  location: 'path' | 'query' | 'header' | 'body';
  /** Parameter name, or JSON pointer into the body. */
  target: string;
  /** One sentence: what was broken. */
  description: string;
  /** What a conforming server answers: `not-found` (404) for unknown ids, `invalid` (400/422) otherwise. */
  expect: 'not-found' | 'invalid';
  /** The whole request with that one defect. */
  request: GeneratedRequest;
}
