/**
 * The options of the mock transmitter, shared by `aferir mock`, `aferir demo`
 * and the tests, and the parsers that turn command-line text into them (each
 * bad value is a UsageError naming the flag).
 */
import { UsageError } from '../../specs/errors.ts';
import type { SpecLoadOptions } from '../../specs/load-options.ts';
import type { ClientMetadata } from 'oidc-provider';
import type { ConsentMode, ResourcesProvider, StaticClient } from '../authorization/index.ts';

export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

export interface MockOptions {
  /** Catalogue ids, files or URLs. Default: every bundled spec. */
  specs?: string[];
  /** How `specs` are loaded (`--ref-root`, `--spec-timeout`). Default: each spec's own folder or origin, 30 s. */
  specLoad?: SpecLoadOptions;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Same seed, same data. Default 1. */
  seed?: string | number;
  /** Pins the mock's clock (dates, "last 7 days", requestDateTime). Default: the system clock. */
  now?: Date;
  /** How big the data world is (`--world`): `small` as always, `large` for paging walks across many pages. Default `small`. */
  world?: WorldSize;
  /** Added delay before every answer. Default none. */
  latency?: LatencyRange;
  /** Share of requests (0..1) answered with a random 500/503/504/529. Default 0. */
  faultRate?: number;
  /** Requests per second the mock accepts before answering 429. Default unlimited. */
  rateLimit?: number;
  /** Largest request body accepted; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Bytes of rendered 200 bodies kept for repeated requests. Default 16 MiB (one copy per body); 0 disables the cache. */
  cacheBytes?: number;
  /**
   * Most connections open at once. At the cap the connection idle longest makes room for a newcomer
   * (a client holding over half the cap loses its own first); only when all are busy is a newcomer
   * answered 503. Default 512, or half the open-file limit when that is lower.
   */
  maxConnections?: number;
  /** Time a client has to send a request's headers (from connecting or from the request's first byte); then 408 and closed. Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** A connection with no byte either way for this long is closed (the mock's own --latency does not count). Default 10 000 ms. */
  idleTimeoutMs?: number;
  /** Where request lines and warnings go. Default: nowhere (the CLI passes stderr). */
  log?: (line: string) => void;
  /** Skip the one line per request (warnings are still written). Default false. */
  quiet?: boolean;
  /** The FAPI authorization server under `/auth` and the consents' state. Default: none (`aferir mock` turns it on). */
  authorization?: MockAuthorizationOptions;
  /** Serve HTTPS with this certificate; with `clientCa`, ask for client certificates (mutual TLS). Default: plain HTTP. */
  tls?: MockTlsOptions;
  /**
   * The only `user:password` pairs HTTP basic auth accepts (`--basic-auth`, repeatable); any other pair is answered
   * 401, except the `aferir:<permissions>` convention. Default: none given, every pair is accepted.
   */
  basicAuth?: readonly string[];
  /** Planted defects, for testing conformance suites against a broken mock (fixtures/consent-defects.ts); not a user option. Default none. */
  defects?: readonly MockDefect[];
}

/**
 * A deliberate defect in the consents/authorization behaviour:
 * - `consent-created-200`: POST /consents answers 200 instead of 201;
 * - `consent-status-frozen`: a consent always reads AWAITING_AUTHORISATION, whatever happened to it;
 * - `revoked-token-accepted`: a token whose consent was revoked or expired still reads data (as a plain token);
 * - `incomplete-groups-accepted`: permissions that do not form whole groups are accepted;
 * - `pkce-not-enforced`: the authorization server accepts requests without PKCE;
 * - `tokens-not-bound`: under mutual TLS, access tokens are not bound to the client certificate.
 */
export type MockDefect =
  | 'consent-created-200'
  | 'consent-status-frozen'
  | 'revoked-token-accepted'
  | 'incomplete-groups-accepted'
  | 'pkce-not-enforced'
  | 'tokens-not-bound';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

/** `--latency 200` or `--latency 100-400` (milliseconds). */
export function parseLatency(text: string): LatencyRange {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*(?:ms)?\s*$/.exec(text);
  if (!match) throw new UsageError(`--latency '${text}' is not a number of milliseconds nor a range such as 100-400.`);
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  if (maxMs < minMs) throw new UsageError(`--latency '${text}' has its maximum below its minimum; write it as min-max.`);
  if (maxMs > 600_000) throw new UsageError(`--latency '${text}' is above 10 minutes; use at most 600000 ms.`);
  return { minMs, maxMs };
}

/** `--fault-rate 0.1`: a share between 0 and 1. */
export function parseFaultRate(text: string | number): number {
  const value = typeof text === 'number' ? text : Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--fault-rate '${text}' is not a share between 0 and 1 (for example 0.05 for 5% of requests).`);
  }
  return value;
}

/** `--rate-limit 50` or `--rate-limit 50/s`: requests per second. */
export function parseRateLimit(text: string | number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*s)?\s*$/.exec(String(text));
  const value = match ? Number(match[1]) : NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--rate-limit '${text}' is not a positive number of requests per second (for example 50 or 50/s).`);
  }
  return value;
}

export type WorldSize = 'small' | 'large';

/**
 * What each world size means for the data engine. `small` keeps today's world byte for byte. `large`: 250 records
 * in every list of a spec no domain model knows (10 pages at the default page size, each id shown once) and
 * 2,000 booked entries per account.
 */
export const WORLD_SIZES: Record<WorldSize, { recordsPerList?: number; transactionsPerAccount?: number }> = {
  small: {},
  large: { recordsPerList: 250, transactionsPerAccount: 2000 },
};

/** `--world small|large`. */
export function parseWorld(text: string): WorldSize {
  const value = text.trim().toLowerCase();
  if (value === 'small' || value === 'large') return value;
  throw new UsageError(`--world '${text}' is not a world size; give small (the default) or large.`);
}

/** `--now 2024-05-10T12:00:00Z` (any ISO-8601 date or date-time). */
export function parseNow(text: string): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now '${text}' is not an ISO-8601 date or date-time such as 2024-05-10T12:00:00Z.`);
  }
  return date;
}

/** `--port`: 0..65535. */
export function parsePort(value: unknown): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port '${String(value)}' is not a port number between 0 and 65535.`);
  }
  return port;
}

/** `--max-body`: a positive number of bytes. */
export function parseMaxBody(value: unknown): number {
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes < 1) throw new UsageError(`--max-body '${String(value)}' is not a positive number of bytes.`);
  return bytes;
}

/** `--max-connections`: a positive whole number of connections. */
export function parseMaxConnections(value: unknown): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new UsageError(`--max-connections '${String(value)}' is not a whole number of connections between 1 and 1000000.`);
  }
  return count;
}

/** A timeout given in code (headersTimeoutMs, idleTimeoutMs): positive milliseconds, at most an hour. */
export function checkTimeoutMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 3_600_000)
    throw new UsageError(`${name} ${String(value)} is not a number of milliseconds between 1 and 3600000.`);
  return value;
}

interface MockAuthorizationOptions {
  /** How authorize gets the customer's approval: `auto` at once, `page` through our consent pages. Default `page`. */
  consent?: ConsentMode;
  /** Statically registered clients (`--client`). Default none (open Dynamic Client Registration is always on). */
  clients?: Array<StaticClient | ClientMetadata>;
  /** `redis://host:port[/db]` to share consents, codes and tokens between replicas. Default: in memory. */
  state?: string;
  /** The origin clients reach the mock by (`--public-url`): the issuer is this + `/auth`. Default: the listening URL. */
  publicUrl?: string;
  /** The customers' accounts and contracts for the consent page. Default: a stub set per CPF. */
  resources?: ResourcesProvider;
  /**
   * The consents' clock, ms since the epoch: their deadlines (expirationDateTime, 60 minutes awaiting) and the API's date
   * rules follow it, so a test or the demo can move it and see a consent expire. Tokens keep real time. Default `Date.now`.
   */
  consents?: { now?: () => number };
}

export interface MockTlsOptions {
  /** PEM certificate (chain) of the server. */
  cert: string | Buffer;
  /** PEM private key of the server. */
  key: string | Buffer;
  /** PEM CA certificate(s) client certificates must chain to; when given, the mock asks for a client certificate. */
  clientCa?: string | Buffer;
}

/** `--basic-auth id:password`: a user name, a colon and a non-empty password. */
export function parseBasicAuth(values: readonly string[]): string[] {
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1)
      throw new UsageError('--basic-auth takes id:password (a user name, a colon and a non-empty password).');
  }
  return [...values];
}
