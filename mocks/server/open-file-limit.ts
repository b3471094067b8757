/**
 * The process's soft limit on open files, where the system tells it (Linux's
 * /proc/self/limits); Node has no getrlimit. The connection cap's default is
 * derived from it so the cap always leaves descriptors for everything else.
 */
import { readFileSync } from 'node:fs';

/** The soft `ulimit -n`, or undefined when unknown or unlimited. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    const soft = Number(line?.[1]);
    return Number.isInteger(soft) && soft > 0 ? soft : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default cap: 512, or half the open-file limit when that is lower. With
 * the common soft limit of 1024 half the table stays free for what is not a
 * client connection: stdio, the event loop's own descriptors, spec files read
 * at start, sockets that linger for a second after a refusal, a Redis
 * connection. 512 is still 30× what the suites (4–16) and the benchmark (10) open.
 */
export function defaultMaxConnections(limit = openFileLimit()): number {
  return limit === undefined ? 512 : Math.max(1, Math.min(512, Math.floor(limit / 2)));
}
