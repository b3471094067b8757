/**
 * `npm run bench -- slow-clients`: the file-descriptor exhaustion finding,
 * measured for real. Starts `aferir mock` (default flags) under
 * `ulimit -n 1024`, opens SLOW_SOCKETS connections that send half a request
 * line and stall, then measures how long a normal client waits for its first
 * 200 (retrying every 200 ms after a failed attempt, as a patient client would),
 * once from the slow sockets' own address (127.0.0.1) and once from another
 * (127.0.0.2, loopback on Linux). Finally frees the slow sockets and checks
 * the mock still serves. Three kinds of slow client, each against a fresh
 * mock: `never` never reads what the mock sends (it never notices the mock
 * gave up on it), `close` reads and closes when the mock does, `reconnect`
 * also opens a new slow connection for each one the mock closes (a persistent
 * attacker). SLOW_KINDS=never,close,reconnect picks some. Loopback only; the
 * mock is a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SLOW_SOCKETS = Number(process.env.SLOW_SOCKETS ?? 1100);
const FD_LIMIT = Number(process.env.FD_LIMIT ?? 1024);
const GIVE_UP_MS = Number(process.env.GIVE_UP_MS ?? 150_000);

type Kind = 'never' | 'close' | 'reconnect';
const KINDS: Record<Kind, string> = {
  never: 'never read',
  close: 'read, and close when the mock closes',
  reconnect: 'read, close when the mock closes, and open a new slow connection in its place',
};

export default async function bench(): Promise<void> {
  const kinds = (process.env.SLOW_KINDS ?? 'never,close,reconnect').split(',').filter((kind): kind is Kind => kind in KINDS);
  for (const kind of kinds) {
    console.log(`\n-- slow clients that ${KINDS[kind]} --`);
    await scenario(kind);
  }
}

async function scenario(kind: Kind): Promise<void> {
  const mock = await startMock();
  console.log(`aferir mock under ulimit -n ${FD_LIMIT} at ${mock.url}`);
  const slow: Socket[] = [];
  const attacker = { kind, active: true, reopened: 0 };
  try {
    const opened = await openSlowSockets(mock.url, SLOW_SOCKETS, attacker, slow);
    console.log(
      `${SLOW_SOCKETS} slow connections attempted: ${opened.connected} connected, ${opened.failed} failed at once; ${slow.filter((s) => !s.destroyed).length} still open`,
    );
    for (const localAddress of ['127.0.0.1', '127.0.0.2']) {
      const wait = await untilServed(mock.url, localAddress);
      const still = slow.filter((s) => !s.destroyed).length;
      console.log(
        `normal client from ${localAddress}: ${wait.ok ? `200 after ${wait.ms.toFixed(0)} ms` : `no 200 within ${GIVE_UP_MS} ms`} (${wait.attempts} attempt(s); failures: ${JSON.stringify(wait.failures)}); slow sockets still open: ${still}`,
      );
    }
    if (kind === 'reconnect') console.log(`slow connections reopened after the mock closed them: ${attacker.reopened}`);
    attacker.active = false;
    for (const socket of slow) socket.destroy();
    const after = await untilServed(mock.url, '127.0.0.1');
    console.log(`after the slow sockets are freed: ${after.ok ? `200 after ${after.ms.toFixed(0)} ms` : 'no answer'}`);
  } finally {
    attacker.active = false;
    for (const socket of slow) socket.destroy();
    mock.child.kill('SIGTERM');
  }
}

function startMock(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // exec: the limit applies to the mock itself, not to a shell between.
    const command = `ulimit -n ${FD_LIMIT} && exec "${process.execPath}" bin/aferir.js mock --port 0 --quiet ${process.env.MOCK_FLAGS ?? ''}`;
    const child = spawn('bash', ['-c', command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout?.resume();
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the mock exited with ${code}: ${output.slice(-500)}`)));
  });
}

/** Opens `count` sockets, 100 at a time, each sending half a request line and then nothing. */
async function openSlowSockets(
  url: string,
  count: number,
  attacker: { kind: Kind; active: boolean; reopened: number },
  into: Socket[],
): Promise<{ connected: number; failed: number }> {
  const { hostname, port } = new URL(url);
  let connected = 0;
  let failed = 0;
  const open = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) });
      into.push(socket);
      socket.on('error', () => undefined);
      if (attacker.kind !== 'never') socket.resume();
      socket.once('connect', () => {
        connected++;
        socket.write('GET /_aferir/apis HT');
        resolve();
      });
      socket.once('close', () => {
        if (socket.connecting) failed++;
        resolve();
        if (attacker.kind === 'reconnect' && attacker.active) {
          attacker.reopened++;
          into.splice(into.indexOf(socket), 1);
          void open();
        }
      });
    });
  for (let start = 0; start < count; start += 100) await Promise.all(Array.from({ length: Math.min(100, count - start) }, open));
  return { connected, failed };
}

interface Wait {
  ok: boolean;
  ms: number;
  attempts: number;
  failures: Record<string, number>;
}

/** Time until GET /_aferir/apis answers 200, retrying 200 ms after each failed attempt. */
async function untilServed(url: string, localAddress: string): Promise<Wait> {
  const started = performance.now();
  const failures: Record<string, number> = {};
  let attempts = 0;
  while (performance.now() - started < GIVE_UP_MS) {
    attempts++;
    const outcome = await once(`${url}/_aferir/apis`, localAddress, GIVE_UP_MS - (performance.now() - started));
    if (outcome === '200') return { ok: true, ms: performance.now() - started, attempts, failures };
    failures[outcome] = (failures[outcome] ?? 0) + 1;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ok: false, ms: performance.now() - started, attempts, failures };
}

function once(url: string, localAddress: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, localAddress, timeout: Math.max(1, timeoutMs) }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}
