/**
 * Child processes for the benchmarks: start one and wait for the line that says it is ready, read its
 * resident memory, find a free loopback port, start `prism mock -d` on a spec. Shared by the mock benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The child's resident set in MB (Linux /proc), or undefined where it cannot be read. */
export function rssOf(child: ChildProcess): number | undefined {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `command` in the repository root; resolves with the URL its output's `ready` match names (or `fixedUrl`). */
export function startChild(
  name: string,
  command: string,
  args: string[],
  ready: RegExp,
  fixedUrl?: string,
): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 60 s: ${output.slice(-500)}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ url: fixedUrl ?? match[1]!, child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready: ${output.slice(-500)}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `prism mock -d` (dynamic examples, the generic mock we compare with) serving `specFile` on a free loopback port. */
export async function startPrism(specFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  return startChild(
    'prism mock -d',
    path.join(ROOT, 'node_modules/.bin/prism'),
    ['mock', '-d', '-h', '127.0.0.1', '-p', String(port), specFile],
    /Prism is listening|listening on/i,
    `http://127.0.0.1:${port}`,
  );
}
