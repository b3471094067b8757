/**
 * A throwaway `redis-server` for tests: a free loopback port (found by binding
 * a socket first, since redis-server has no "port 0"), no persistence, killed
 * by `stop()`. Tests skip with REDIS_SKIP_REASON when Debian's redis-server
 * is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_SERVER = findRedisServer();

/** Appended to a describe title when it skips, so the reason shows in the test output. */
export const REDIS_SKIP_REASON = REDIS_SERVER ? '' : ' [skipped: redis-server not found; apt-get install redis-server]';

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout?.trim();
  return found.status === 0 && path ? path : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server on a free port, or on `port` (to restart one where its clients expect it). */
export async function startRedis(port?: number): Promise<TestRedis> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed');
  // Another process could take the port between close() and redis-server's bind: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const chosen = port ?? (await freePort());
    const child = spawn(REDIS_SERVER, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (await ready(child)) {
      return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop: () => stop(child) };
    }
    await stop(child);
  }
  throw new Error('redis-server did not start on any of 5 free ports');
}

function ready(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let output = '';
    const done = (ok: boolean) => {
      child.stdout?.off('data', onData);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done(true);
      else if (/Address already in use|Could not create server TCP/.test(output)) done(false);
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => done(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
