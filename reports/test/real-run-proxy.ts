/**
 * A loopback proxy that turns a correct server (the mock, the accounts
 * fixture) into a broken or hostile one: every request is forwarded as is,
 * and each JSON answer passes through `rewrite` on its way back. The report
 * tests use it to put hostile text into real response bodies, and
 * docs/screenshot.ts to give the mock's realistic data a few defects, without
 * touching the servers themselves.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedExchange {
  method: string;
  /** The path the client asked for, without the query, e.g. `/open-banking/accounts/v2/accounts/acc-0001`. */
  pathname: string;
  /** The request's headers as received (lower-case names). */
  requestHeaders: http.IncomingHttpHeaders;
  status: number;
  /** The upstream answer, parsed. */
  body: unknown;
}

/** Returns the body to send instead, or undefined to pass the upstream answer on untouched. */
export type Rewrite = (exchange: ProxiedExchange) => unknown;

export interface RewritingProxy {
  /** `http://127.0.0.1:PORT`: the same paths as the upstream origin. */
  origin: string;
  close(): Promise<void>;
}

/** Headers that describe the upstream connection or encoding, not the answer. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'host',
  'accept-encoding',
]);

/** Starts the proxy on 127.0.0.1, port 0, in front of `upstreamOrigin` (e.g. `http://127.0.0.1:4010`). */
export async function startRewritingProxy(upstreamOrigin: string, rewrite: Rewrite): Promise<RewritingProxy> {
  const server = http.createServer((req, res) => {
    forward(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name, value]) => !HOP_HEADERS.has(name) && typeof value === 'string') as Array<[string, string]>,
    );
    const upstream = await fetch(new URL(req.url ?? '/', upstreamOrigin), {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const text = await upstream.text();
    const outHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) outHeaders[name] = value;
    });
    let out = text;
    const body = /json/i.test(upstream.headers.get('content-type') ?? '') ? parseOrUndefined(text) : undefined;
    if (body !== undefined) {
      const pathname = new URL(req.url ?? '/', 'http://proxy').pathname;
      const replaced = rewrite({ method: req.method ?? 'GET', pathname, requestHeaders: req.headers, status: upstream.status, body });
      if (replaced !== undefined) out = JSON.stringify(replaced);
    }
    outHeaders['content-length'] = String(Buffer.byteLength(out));
    res.writeHead(upstream.status, outHeaders);
    res.end(out);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
