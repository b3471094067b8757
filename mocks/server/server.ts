/**
 * The request listener: route, then (in this order) the rate limit, `Prefer`,
 * injected faults, and the family's own handling. It never lets an exception
 * escape: anything unexpected becomes a documented 500 in the API's envelope,
 * and the mock keeps serving.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizationRoute } from './authorization-wiring.ts';
import { MockExchange } from './mock-exchange.ts';
import { parsePrefer } from './faults.ts';
import type { MockHandler } from './handler.ts';
import type { MountedApi, MountedOperation } from './mount.ts';
import { answerPreference } from './prefer.ts';
import { hasBadPercentEncoding } from './query.ts';
import type { MockRouter } from './router.ts';
import type { MockRuntime } from './runtime.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ListenerParts {
  router: MockRouter;
  runtime: MockRuntime;
  /** The handler of the API's family. */
  handlerFor: (api: MountedApi) => MockHandler;
  /** `GET /_aferir/apis`, serialised once. */
  apisJson: string;
  /** `/auth/*` and the origin's discovery document, answered before any API routing. Default: none. */
  authorization?: AuthorizationRoute;
}

export function createListener(parts: ListenerParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const auth = parts.authorization;
    if (auth && auth.handles((req.url ?? '/').split('?')[0]!)) return auth.handle(req, res, parts.runtime);
    const ex = new MockExchange(req, res, parts.runtime);
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    try {
      dispatch(ex, parts);
    } catch (error) {
      failed(ex, error);
    }
  };
}

function dispatch(ex: MockExchange, parts: ListenerParts): void {
  const { req } = ex;
  const method = req.method ?? 'GET';
  const { router, runtime } = parts;
  runtime.world();
  if (ex.path === '/_aferir/apis' && (method === 'GET' || method === 'HEAD')) return ex.send(200, parts.apisJson);
  // The public key of the signed bodies, for receivers (and `aferir run --target-jwks`) to verify them.
  if (ex.path === '/_aferir/jwks' && runtime.signer && (method === 'GET' || method === 'HEAD'))
    return ex.sendJson(200, runtime.signer.jwks());
  if (hasBadPercentEncoding(req.url ?? '')) {
    ex.api = router.apiFor(safePath(ex.path));
    if (ex.api) parts.handlerFor(ex.api).prepare?.(ex);
    return ex.sendError(
      400,
      'the request URL has invalid percent-encoding (a % not followed by two hex digits, or bytes that are not UTF-8).',
      'INVALID_URL',
    );
  }
  const route = router.find(method, ex.path);
  if (!route) {
    ex.api = router.apiFor(ex.path);
    const api = ex.api;
    if (api) parts.handlerFor(api).prepare?.(ex);
    return drainThen(ex, () => {
      if (api && parts.handlerFor(api).unrouted?.(ex, api)) return;
      ex.sendError(404, `no operation of ${api ? api.spec.id : 'any mounted API'} matches ${ex.path.slice(0, 200)}.`, 'NOT_FOUND');
    });
  }
  ex.api = route.kind === 'operation' ? route.mounted.api : route.api;
  const handler = parts.handlerFor(ex.api);
  const preparation = handler.prepare?.(ex);
  if (route.kind === 'options') {
    ex.headers.allow = route.allow.join(', ');
    ex.headers['access-control-allow-methods'] = route.allow.join(', ');
    ex.headers['access-control-allow-headers'] = String(req.headers['access-control-request-headers'] ?? '*').slice(0, 1000);
    ex.headers['access-control-max-age'] = 600;
    return drainThen(ex, () => {
      delete ex.headers['content-type'];
      ex.send(204, '');
    });
  }
  if (route.kind === 'method-not-allowed') {
    ex.operation = route.operations[0];
    ex.headers.allow = route.allow.join(', ');
    return drainThen(ex, () => ex.sendError(405, `${method} is not allowed on ${ex.path.slice(0, 200)}; use ${route.allow.join(', ')}.`));
  }
  const mounted = route.mounted;
  ex.operation = mounted;
  ex.pathParams = route.params;

  const { faults } = runtime;
  if (faults.active) {
    ex.delayMs = faults.delayMs();
    const now = Date.now();
    if (faults.overLimit(now)) {
      ex.headers['retry-after'] = faults.retryAfterSeconds(now);
      return drainThen(ex, () =>
        ex.sendError(
          429,
          'the mock was started with a rate limit and this request went over it; retry after the number of seconds in Retry-After.',
          'TOO_MANY_REQUESTS',
        ),
      );
    }
  }
  const preferHeader = req.headers.prefer;
  if (preferHeader !== undefined) {
    const preference = parsePrefer(preferHeader);
    if (preference && answerPreference(ex, mounted, preference)) return drainThen(ex, () => undefined);
  }
  const fault = faults.fault();
  if (fault !== undefined)
    return drainThen(ex, () =>
      ex.sendError(fault, `injected fault: the mock was started with --fault-rate and this request drew a ${fault}.`),
    );

  if (!BODY_METHODS.has(method) && !hasBody(req)) return run(ex, handler, mounted, undefined, preparation);
  readBody(ex, runtime.maxBodyBytes, (body) => run(ex, handler, mounted, body, preparation));
}

function run(
  ex: MockExchange,
  handler: MockHandler,
  mounted: MountedOperation,
  body: Buffer | undefined,
  preparation: string | undefined,
): void {
  try {
    const pending = handler.handle(ex, mounted, body, preparation);
    if (pending) pending.catch((error: unknown) => failed(ex, error));
  } catch (error) {
    failed(ex, error);
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Reads the body up to the limit; over it, answers 413 and closes the connection. */
function readBody(ex: MockExchange, limit: number, then: (body: Buffer | undefined) => void): void {
  const { req } = ex;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return tooLarge(ex, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      chunks.length = 0;
      tooLarge(ex, limit);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (over) return;
    try {
      then(size === 0 ? undefined : Buffer.concat(chunks, size));
    } catch (error) {
      failed(ex, error);
    }
  });
}

function tooLarge(ex: MockExchange, limit: number): void {
  ex.headers.connection = 'close';
  ex.sendError(413, `the request body is larger than the mock accepts (${limit} bytes).`, 'PAYLOAD_TOO_LARGE');
  ex.req.resume();
}

/** Answers once the request body (if any) has been read and discarded, so keep-alive connections stay usable. */
function drainThen(ex: MockExchange, answer: () => void): void {
  if (!hasBody(ex.req) || ex.req.readableEnded) return answer();
  const declared = Number(ex.req.headers['content-length']);
  if (Number.isFinite(declared) && declared > ex.runtime.maxBodyBytes) return tooLarge(ex, ex.runtime.maxBodyBytes);
  let size = 0;
  ex.req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > ex.runtime.maxBodyBytes && !ex.sent) tooLarge(ex, ex.runtime.maxBodyBytes);
  });
  ex.req.on('end', () => {
    if (!ex.sent) answer();
  });
}

function failed(ex: MockExchange, error: unknown): void {
  ex.runtime.warnOnce(
    `crash:${(error as Error)?.message}`,
    `unexpected error while answering ${ex.req.method} ${ex.path.slice(0, 200)}: ${(error as Error)?.stack ?? String(error)}`,
  );
  if (ex.sent) return;
  try {
    ex.sendError(500, 'the mock hit an unexpected error while answering; it has been logged.', 'INTERNAL_SERVER_ERROR');
  } catch {
    ex.res.destroy();
  }
}

function safePath(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})/g, '');
}
