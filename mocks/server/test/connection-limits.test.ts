/**
 * The mock under many connections: the cap (the longest-idle connection makes
 * room for a newcomer), the headers and idle timeouts, the per-client share
 * (127.0.0.2 and 127.0.0.3 are loopback addresses on Linux) and the 503 a
 * newcomer gets when every connection is busy. Waits are bounded by the test
 * timeout, never asserted.
 */
import { request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock, type StartMockOptions } from '../start.ts';
import { createFakeWorld } from './fake-world.ts';
import { FAPI_HEADERS } from './helpers.ts';

const ACCOUNTS = '/open-banking/accounts/v2/accounts';
const started: RunningMock[] = [];
afterAll(() => Promise.all(started.map((mock) => mock.close())));

async function start(options: StartMockOptions): Promise<RunningMock> {
  const mock = await startMock({
    port: 0,
    specs: ['ofb-accounts-2.4.1'],
    createWorld: createFakeWorld,
    now: new Date('2026-05-10T12:00:00Z'),
    quiet: true,
    ...options,
  });
  started.push(mock);
  return mock;
}

interface Slow {
  socket: Socket;
  closed: boolean;
  /** What the mock has written so far. */
  text: () => string;
  /** What the mock wrote before it closed the connection. */
  received: Promise<string>;
}

/** A connection that sends `first` (by default half a request line) and then stalls; it reads whatever the mock sends. */
function slowSocket(mock: RunningMock, localAddress = '127.0.0.1', first = 'GET /_aferir/apis HT'): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: mock.port, localAddress });
    const chunks: Buffer[] = [];
    let closedResolve: (text: string) => void = () => undefined;
    const slow: Slow = {
      socket,
      closed: false,
      text: () => Buffer.concat(chunks).toString('utf8'),
      received: new Promise((done) => (closedResolve = done)),
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      slow.closed = true;
      closedResolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.once('connect', () => {
      socket.write(first);
      resolve(slow);
    });
    socket.once('error', reject);
  });
}

async function slowSockets(mock: RunningMock, count: number, localAddress?: string, first?: string): Promise<Slow[]> {
  const sockets: Slow[] = [];
  // One after the other, so the mock sees them in this order.
  for (let i = 0; i < count; i++) sockets.push(await slowSocket(mock, localAddress, first));
  return sockets;
}

function get(
  url: string,
  localAddress = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, localAddress, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const closedIndexes = (sockets: Slow[]) => sockets.flatMap((s, i) => (s.closed ? [i] : []));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const canBind = (address: string) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(0, address, () => server.close(() => resolve(true)));
  });
const otherLoopbacks = (await canBind('127.0.0.2')) && (await canBind('127.0.0.3'));

describe('the connection cap', { timeout: 20_000 }, () => {
  it('closes the longest-idle connections past the cap and still serves a normal client at once', async () => {
    const mock = await start({ maxConnections: 40 });
    const slow = await slowSockets(mock, 60);
    await until(() => closedIndexes(slow).length >= 20);
    expect(closedIndexes(slow)).toEqual(range(20));

    const answer = await get(`${mock.url}/_aferir/apis`);
    expect(answer.status).toBe(200);
    await until(() => slow[20]!.closed);
    expect(closedIndexes(slow)).toEqual(range(21));

    for (const s of slow) s.socket.destroy();
    const answers = await Promise.all(range(40).map(() => get(`${mock.url}/_aferir/apis`)));
    expect(answers.map((a) => a.status)).toEqual(range(40).map(() => 200));
  });

  it('answers 503 with Retry-After at once when every connection is busy being answered', async () => {
    const mock = await start({ maxConnections: 4, latency: { minMs: 3_000, maxMs: 3_000 } });
    const world = mock.world() as ReturnType<typeof createFakeWorld>;
    // Four different URLs, so the response cache does not spare the data engine a call.
    const busy = range(4).map((i) => get(`${mock.url}${ACCOUNTS}?page-size=${i + 1}`, '127.0.0.1', FAPI_HEADERS));
    await until(() => world.calls >= 4); // all four are in, their answers held back by the latency
    const refused = await get(`${mock.url}/_aferir/apis`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body).errors[0]).toMatchObject({
      code: 'TOO_MANY_CONNECTIONS',
      title: expect.any(String),
      detail: expect.stringContaining('Retry-After'),
    });
    expect((await Promise.all(busy)).map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('timeouts', { timeout: 20_000 }, () => {
  it('answers 408 and closes a connection that does not send its headers within headersTimeoutMs', async () => {
    const mock = await start({ headersTimeoutMs: 300 });
    const slow = await slowSocket(mock);
    const received = await slow.received;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)).errors[0].code).toBe('REQUEST_TIMEOUT');
    expect((await get(`${mock.url}/_aferir/apis`)).status).toBe(200);
  });

  it('closes a connection whose request body stops arriving for idleTimeoutMs', async () => {
    const mock = await start({ idleTimeoutMs: 300 });
    const slow = await slowSocket(
      mock,
      '127.0.0.1',
      'POST /opus-accounts-2.4.1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"da',
    );
    await slow.received;
    expect(slow.closed).toBe(true);
  });

  it('applies the idle timeout again to a later request on a kept-alive connection', async () => {
    const mock = await start({ idleTimeoutMs: 300 });
    const slow = await slowSocket(mock, '127.0.0.1', 'GET /_aferir/apis HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => /^HTTP\/1\.1 200 [\s\S]*\]$/.test(slow.text()));
    slow.socket.write(
      'POST /opus-accounts-2.4.1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"da',
    );
    await slow.received;
    expect(slow.closed).toBe(true);
  });

  it('keeps a connection whose answer the mock holds back (--latency) past the idle timeout', async () => {
    const mock = await start({ idleTimeoutMs: 300, latency: { minMs: 1_000, maxMs: 1_000 } });
    expect((await get(`${mock.url}${ACCOUNTS}`, '127.0.0.1', FAPI_HEADERS)).status).toBe(200);
  });
});

describe.skipIf(!otherLoopbacks)('the per-client share (127.0.0.2 and 127.0.0.3 must be loopback)', { timeout: 20_000 }, () => {
  it('at the cap, a client holding more than half of it loses its own connections first', async () => {
    const mock = await start({ maxConnections: 40 });
    const greedy = await slowSockets(mock, 40, '127.0.0.1');
    const other = await slowSockets(mock, 25, '127.0.0.2');
    await until(() => closedIndexes(greedy).length + closedIndexes(other).length >= 25);
    // 127.0.0.2's first 20 push out 127.0.0.1's oldest 20; past its own half, 127.0.0.2 makes room from its own.
    expect(closedIndexes(greedy)).toEqual(range(20));
    expect(closedIndexes(other)).toEqual(range(5));
    expect((await get(`${mock.url}/_aferir/apis`, '127.0.0.3')).status).toBe(200);
  });

  it('does not let one client lock the others out with request bodies that never finish', async () => {
    const mock = await start({ maxConnections: 40 });
    // Expect: 100-continue makes the mock say when it has read each request's headers.
    const trickle =
      'POST /opus-accounts-2.4.1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n{"da';
    const greedy = await slowSockets(mock, 40, '127.0.0.1', trickle);
    await until(() => greedy.every((s) => s.text().includes('100 Continue')));
    expect((await get(`${mock.url}/_aferir/apis`, '127.0.0.2')).status).toBe(200);
    await until(() => greedy[0]!.closed);
    expect(closedIndexes(greedy)).toEqual([0]);
  });
});
