/**
 * The one HTTP client of a run: an undici Agent (keep-alive, one pool per
 * origin, mutual TLS), a limiter for --concurrency, a deadline of --timeout
 * per exchange (connect, headers and body together) and a body read limit.
 * It never throws for what the target does: a request either yields a
 * response or a classified network failure.
 */
import { readFile } from 'node:fs/promises';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { UsageError } from '../../specs/errors.ts';
import type { OutgoingRequest, ReceivedResponse } from './exchange.ts';
import { Limiter } from './limiter.ts';
import { describeNetworkFailure, type NetworkFailure } from './network-failure.ts';
import { readCapped } from './read-capped.ts';
import { parseResolve, resolvingConnector } from './resolve.ts';

export interface ClientOptions {
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Deadline for one exchange, connect to last body byte, in ms. Default 10000. */
  timeoutMs?: number;
  /** Response bytes read at most; the rest is not downloaded. Default 8 MiB. */
  maxBodyBytes?: number;
  /** PEM files for mutual TLS and the CA bundle to trust. Default: none (system CAs). */
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  /** Skip verification of the server certificate. Default false. */
  insecure?: boolean;
  /** `--resolve host:port:address` entries: connect there for that host and port (resolve.ts). Default: none, DNS decides. */
  resolve?: readonly string[];
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

type SendOutcome = { response: ReceivedResponse; failure?: undefined } | { response?: undefined; failure: NetworkFailure };

export interface HttpClient {
  /**
   * Sends one request. Aborting `signal` (an interrupted run) cancels it at
   * once — its outcome then means nothing — and one still waiting for a
   * --concurrency slot is never sent: the promise rejects with an AbortError.
   */
  send(request: OutgoingRequest, signal?: AbortSignal): Promise<SendOutcome>;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Requests sent so far. */
  readonly sent: number;
  close(): Promise<void>;
}

export async function createHttpClient(options: ClientOptions = {}): Promise<HttpClient> {
  const concurrency = positive(options.concurrency ?? DEFAULT_CONCURRENCY, '--concurrency');
  const timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, '--timeout');
  const maxBodyBytes = positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const [cert, key, ca] = await Promise.all([
    readPem(options.certFile, '--cert'),
    readPem(options.keyFile, '--key'),
    readPem(options.caFile, '--ca'),
  ]);
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError('Mutual TLS needs both --cert and --key; only one of them was given.');

  const resolve = parseResolve(options.resolve);
  const tls = { timeout: timeoutMs, cert, key, ca, rejectUnauthorized: !options.insecure };
  const agent = new Agent({
    connections: concurrency,
    keepAliveTimeout: 10_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: resolve.size > 0 ? resolvingConnector(tls, resolve) : tls,
  });
  const limiter = new Limiter(concurrency);
  let sent = 0;

  async function sendOnce(outgoing: OutgoingRequest, stop?: AbortSignal): Promise<SendOutcome> {
    const started = performance.now();
    sent++;
    const signal = stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs);
    const hasBody = outgoing.body !== undefined;
    const headers = { ...outgoing.headers };
    if (hasBody && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    try {
      const response = await undiciRequest(outgoing.url, {
        method: outgoing.method as Dispatcher.HttpMethod,
        headers,
        body: outgoing.signedBody ?? (hasBody ? JSON.stringify(outgoing.body) : undefined),
        dispatcher: agent,
        signal,
      });
      const body = await readCapped(response.body, maxBodyBytes);
      const announced = Number(response.headers['content-length']);
      return {
        response: {
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          text: body.buffer.toString('utf8'),
          bytes: body.truncated && Number.isFinite(announced) && announced > body.received ? announced : body.received,
          truncated: body.truncated,
          durationMs: Math.round(performance.now() - started),
        },
      };
    } catch (error) {
      return { failure: describeNetworkFailure(error, timeoutMs) };
    }
  }

  return {
    timeoutMs,
    maxBodyBytes,
    get sent() {
      return sent;
    },
    send: (outgoing, stop) => limiter.run(() => sendOnce(outgoing, stop), stop),
    close: async () => {
      // destroy, not close: a hostile target may keep a request hanging, and the run must end now.
      await agent.destroy().catch(() => undefined);
    },
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function readPem(file: string | undefined, flag: string): Promise<string | undefined> {
  if (file === undefined || file === '') return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, {
      cause: error,
    });
  }
}

function positive(value: number, flag: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number; got ${value}.`);
  return Math.floor(value);
}
