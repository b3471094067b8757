/**
 * Loopback HTTP servers that serve spec files for the loader's tests: fixed
 * texts, redirects, and bodies that trickle so slowly that only an overall
 * deadline ends the download. Every server binds 127.0.0.1 on port 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { stringify } from 'yaml';

export type Route = string | object | ((req: IncomingMessage, res: ServerResponse) => void);

export interface SpecServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Paths requested so far, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves each route (a YAML text, an object written as YAML, or a handler); anything else is 404. */
export async function startSpecServer(routes: Record<string, Route>): Promise<SpecServer> {
  const requested: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route === undefined) res.writeHead(404).end('not here');
    else if (typeof route === 'function') route(req, res);
    else res.writeHead(200, { 'content-type': 'application/yaml' }).end(typeof route === 'string' ? route : stringify(route));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers 302 to `location`. */
export function redirectTo(location: string): Route {
  return (_req, res) => res.writeHead(302, { location }).end();
}

/** A handler that sends `text` one byte every `intervalMs`, then (if it ever gets there) ends. */
export function trickle(text: string, intervalMs: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/yaml' });
    let at = 0;
    const timer = setInterval(() => {
      if (at >= text.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(text[at++]);
    }, intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}
