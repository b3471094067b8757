/**
 * `npm run bench [-- <name>…]`: runs bench/<name>.ts for each name given, or
 * every benchmark when none is, each in its own process. Each benchmark prints its own figures and the
 * ratios against what it compares with.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

// Option values (`--soak 60`) are numbers, never benchmark names.
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && !/^\d/.test(arg));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}.\n`);
  process.exit(2);
}

const selected = wanted.length > 0 ? wanted : available;
if (selected.length === 1) {
  process.stdout.write(`\n== bench ${selected[0]} ==\n`);
  const module = await import(pathToFileURL(path.join(here, `${selected[0]}.ts`)).href);
  if (typeof module.default === 'function') await module.default();
} else {
  // Each benchmark in a fresh process: no warm caches (loaded specs, JIT) or heap left over from the one before.
  for (const name of selected) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
