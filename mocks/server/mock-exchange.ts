/**
 * The mock's context for one request it answers (not the suites' recorded
 * request/response pair, suites/http/exchange.ts). Every response leaves through `send`, which adds
 * the headers every answer carries (JSON content type with charset, length,
 * the echoed interaction id, CORS when asked), applies injected latency and
 * writes the log line (method, path, status, milliseconds — never a header value).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_PROFILE } from '../../families/index.ts';
import type { MountedApi, MountedOperation } from './mount.ts';
import { errorSchemaFor } from './mount.ts';
import { buildErrorBody, errorDetail, type ErrorDetail } from '../../data/error-body.ts';
import type { MockRuntime } from './runtime.ts';
import { declaredHeaders } from './declared-headers.ts';
import { signsBody } from '../../specs/lookup.ts';
import { UNKNOWN_AUDIENCE } from './signed-body.ts';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const EXPOSED = 'x-fapi-interaction-id, retry-after, preference-applied';

export class MockExchange {
  readonly started = performance.now();
  /** The URL path, still percent-encoded. */
  readonly path: string;
  /** The query string without `?`, still encoded ('' when absent). */
  readonly rawQuery: string;
  api?: MountedApi;
  operation?: MountedOperation;
  /** Path parameters from the route, percent-decoded. */
  pathParams: Record<string, string> = {};
  /** Headers added to whatever answer is sent (e.g. the echoed x-fapi-interaction-id). */
  readonly headers: Record<string, string | number> = { 'content-type': JSON_CONTENT_TYPE };
  /** Delay injected before the answer goes out. */
  delayMs = 0;
  sent = false;
  /** The registered client that made the request (from its token), the `aud` of a signed answer. Default: none. */
  clientId?: string;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly runtime: MockRuntime,
  ) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? '' : url.slice(q + 1);
    if (req.headers.origin !== undefined) {
      this.headers['access-control-allow-origin'] = '*';
      this.headers['access-control-expose-headers'] = EXPOSED;
    }
  }

  /** `body` in pieces (a page's head, its entries' slice, its tail) is written as it is, corked into one write. */
  send(status: number, body: Buffer | string | readonly Buffer[]): void {
    if (this.sent) return;
    this.sent = true;
    // 204 and 304 carry no body (RFC 9110 §15.3.5): Node would drop it and leave a Content-Length the client waits for.
    const bodiless = status === 204 || status === 304;
    if (bodiless) delete this.headers['content-type'];
    const pieces = bodiless ? [] : typeof body === 'string' ? [Buffer.from(body)] : Buffer.isBuffer(body) ? [body] : body;
    const payload = this.signedIfDocumented(status, pieces);
    this.headers['content-length'] = payload.reduce((sum, piece) => sum + piece.length, 0);
    if (this.delayMs > 0) {
      const timer = setTimeout(() => {
        this.runtime.pending.delete(timer);
        this.write(status, payload);
      }, this.delayMs);
      this.runtime.pending.add(timer);
      return;
    }
    this.write(status, payload);
  }

  sendJson(status: number, value: unknown): void {
    this.send(status, JSON.stringify(value) ?? 'null');
  }

  /** An error in the envelope the operation documents for this status (its family's shape otherwise). */
  sendError(status: number, detail: string | ErrorDetail | ErrorDetail[], code?: string): void {
    const errors = typeof detail === 'string' ? [errorDetail(status, detail, code)] : Array.isArray(detail) ? detail : [detail];
    this.sendJson(status, this.errorBody(status, errors));
  }

  errorBody(status: number, errors: ErrorDetail[]): unknown {
    const schema = this.operation
      ? errorSchemaFor(this.operation.operation, status)
      : this.api
        ? anyErrorSchema(this.api, status)
        : undefined;
    return buildErrorBody(this.api?.profile ?? DEFAULT_PROFILE, schema, errors, {
      status,
      requestDateTime: this.runtime.clock.requestDateTime(),
    });
  }

  /** A JSON answer the spec documents only as `application/jwt` for this status leaves as a compact JWS. */
  private signedIfDocumented(status: number, pieces: readonly Buffer[]): readonly Buffer[] {
    const { signer } = this.runtime;
    const mounted = this.operation;
    if (!signer || !mounted?.signsResponses || pieces.length === 0 || !signsBody(mounted.operation, status)) return pieces;
    const signed = signer.sign(Buffer.concat(pieces), this.clientId ?? UNKNOWN_AUDIENCE, this.runtime.clock.nowMs());
    if (signed === undefined) return pieces;
    this.headers['content-type'] = 'application/jwt';
    return [Buffer.from(signed)];
  }

  private write(status: number, payload: readonly Buffer[]): void {
    const { res } = this;
    if (res.destroyed) return;
    // With --now the Date header tells the same time as the bodies (Node's own Date is the real clock).
    if (this.runtime.clock.isPinned) this.headers.date = this.runtime.clock.httpDate();
    if (this.operation)
      for (const [name, value] of declaredHeaders(this.operation, status, this.runtime))
        if (!(name in this.headers)) this.headers[name] = value;
    try {
      res.writeHead(status, this.headers);
      if (payload.length <= 1) res.end(payload[0]);
      else {
        // Corked, the head and every piece leave in one writev, as one buffer would — without copying the pieces.
        res.cork();
        for (const piece of payload) res.write(piece);
        res.end();
        res.uncork();
      }
    } catch {
      res.destroy();
    }
    const ms = performance.now() - this.started;
    this.runtime.request(
      `${this.req.method} ${truncate(this.path, 200)}${this.rawQuery ? `?${truncate(this.rawQuery, 200)}` : ''} ${status} ${ms.toFixed(1)}ms`,
    );
  }
}

/** For a request outside every operation of an API (404/405): the envelope of the API's first operation. */
function anyErrorSchema(api: MountedApi, status: number) {
  const first = api.operations[0];
  return first ? errorSchemaFor(first.operation, status) : undefined;
}

function truncate(text: string, max: number): string {
  // Control characters would let a request forge log lines.
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
