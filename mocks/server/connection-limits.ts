/**
 * How many connections the mock holds, and for how long, so that slow or
 * greedy clients cannot use up its file descriptors (1,100 half-sent requests
 * under `ulimit -n 1024` used to lock every other client out).
 *
 * - A cap on open connections. At the cap a newcomer is not refused while some
 *   connection is idle: the one idle longest (a keep-alive connection between
 *   requests, or one still sending its headers) is closed to make room.
 * - A per-client share: at the cap, a client (an address, see client-key.ts)
 *   holding more than half of it loses its own connections first, even one
 *   still sending a request body, so one client cannot starve the rest. Below
 *   the cap any client may use it all: on loopback every client is 127.0.0.1.
 * - An idle timeout: a connection with no byte either way for idleTimeoutMs
 *   is closed, unless the mock itself is holding its answer back (--latency).
 * - Only when every connection is busy being answered is a newcomer refused:
 *   at once, with 503 and Retry-After in the `errors` envelope.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './client-key.ts';
import { answerAndClose, LINGER_MS, rawErrorAnswer } from './socket-answers.ts';

/** Share of the cap one client may keep while others wait for a connection. */
const CLIENT_SHARE = 0.5;
/** Refused sockets allowed to linger at once; beyond it they are closed as soon as the 503 is written. */
const MAX_LINGERING = 64;

export interface ConnectionLimitsOptions {
  maxConnections: number;
  idleTimeoutMs: number;
  /** Where the one-time notes go (the runtime's warnOnce). */
  warnOnce: (key: string, message: string) => void;
}

interface Tracked {
  socket: Socket;
  client: string;
  /** When it last became idle (connected, or its last answer went out); while busy, when its request arrived. */
  since: number;
  /** Requests received and not yet answered (more than one when pipelined). */
  inFlight: number;
  /** The latest request: while it is incomplete, its body is still arriving. */
  req?: IncomingMessage;
}

export class ConnectionLimits {
  private readonly open = new Map<Socket, Tracked>();
  private readonly perClient = new Map<string, number>();
  private readonly refused = new WeakSet<Socket>();
  private lingering = 0;
  /** Connections one client may hold at the cap while others wait. */
  readonly share: number;

  constructor(private readonly options: ConnectionLimitsOptions) {
    this.share = Math.max(1, Math.floor(options.maxConnections * CLIENT_SHARE));
  }

  /** The request listener, minus requests that arrive on a connection already refused (its 503 is on the wire). */
  guard(listener: RequestListener): RequestListener {
    return (req, res) => {
      if (this.refused.has(req.socket)) {
        req.resume();
        return;
      }
      listener(req, res);
    };
  }

  /** `tls`: the server is https, whose requests and timeouts come on the TLS socket, so connections are counted once encrypted. */
  attach(server: Server, tls = false): void {
    server.setTimeout(this.options.idleTimeoutMs);
    server.on('timeout', (socket: Socket) => this.onTimeout(socket));
    server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => this.admit(socket));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
  }

  private admit(socket: Socket): void {
    const client = clientKey(socket.remoteAddress);
    if (this.open.size >= this.options.maxConnections) {
      const victim = this.victimFor(client);
      if (!victim) return this.refuse(socket);
      this.options.warnOnce(
        'connections-evicted',
        `the mock reached its cap of ${this.options.maxConnections} connections (--max-connections); it closes the connection idle longest to make room for each new one (written once).`,
      );
      this.forget(victim.socket);
      victim.socket.destroy();
    }
    this.open.set(socket, { socket, client, since: performance.now(), inFlight: 0 });
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    socket.once('close', () => this.forget(socket));
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const tracked = this.open.get(req.socket);
    if (!tracked) return;
    tracked.inFlight++;
    tracked.since = performance.now();
    tracked.req = req;
    res.once('close', () => {
      tracked.inFlight--;
      if (tracked.inFlight > 0) return;
      tracked.since = performance.now();
      tracked.req = undefined;
    });
  }

  /** Nothing moved either way for idleTimeoutMs (or the keep-alive timeout ran out). */
  private onTimeout(socket: Socket): void {
    const tracked = this.open.get(socket);
    // The request is in and nothing waits to be written: the mock is holding its answer back on purpose.
    const mockIsAnswering = tracked !== undefined && tracked.inFlight > 0 && tracked.req?.complete === true && socket.writableLength === 0;
    if (!mockIsAnswering) socket.destroy();
  }

  private victimFor(client: string): Tracked | undefined {
    const held = (key: string) => this.perClient.get(key) ?? 0;
    // A client at its share makes room from its own connections only.
    if (held(client) >= this.share) return this.oldest((t) => t.client === client, true);
    return this.oldest((t) => held(t.client) > this.share, true) ?? this.oldest(() => true, false);
  }

  /** Among `eligible` connections: the one idle longest; else, with `receiving`, the one sending its request longest. */
  private oldest(eligible: (t: Tracked) => boolean, receiving: boolean): Tracked | undefined {
    let idle: Tracked | undefined;
    let slow: Tracked | undefined;
    for (const t of this.open.values()) {
      if (!eligible(t)) continue;
      if (t.inFlight === 0) {
        if (!idle || t.since < idle.since) idle = t;
      } else if (receiving && t.req && !t.req.complete && (!slow || t.since < slow.since)) {
        slow = t;
      }
    }
    return idle ?? slow;
  }

  private refuse(socket: Socket): void {
    this.refused.add(socket);
    const open = `${this.options.maxConnections} connection${this.options.maxConnections === 1 ? '' : 's'} open`;
    this.options.warnOnce(
      'connections-refused',
      `the mock has ${open} (--max-connections), all busy being answered; new ones get 503 with Retry-After until one frees up (written once).`,
    );
    const detail = `The mock has ${open}, all busy; retry after the number of seconds in Retry-After.`;
    const answer = rawErrorAnswer(
      503,
      'Service Unavailable',
      { code: 'TOO_MANY_CONNECTIONS', title: 'Service unavailable', detail },
      { 'Retry-After': 1 },
    );
    const linger = this.lingering < MAX_LINGERING;
    if (linger) {
      this.lingering++;
      socket.once('close', () => this.lingering--);
    }
    answerAndClose(socket, answer, linger ? LINGER_MS : 0);
  }

  private forget(socket: Socket): void {
    const tracked = this.open.get(socket);
    if (!tracked) return;
    this.open.delete(socket);
    const left = (this.perClient.get(tracked.client) ?? 1) - 1;
    if (left > 0) this.perClient.set(tracked.client, left);
    else this.perClient.delete(tracked.client);
  }
}
