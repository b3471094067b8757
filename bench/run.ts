/**
 * `npm run bench [-- <name>…]`: runs bench/<name>.ts for each name given, or
 * every benchmark when none is. Each benchmark prints its own figures and the
 * ratios against what it compares with.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}.\n`);
  process.exit(2);
}

for (const name of wanted.length > 0 ? wanted : available) {
  process.stdout.write(`\n== bench ${name} ==\n`);
  const module = await import(pathToFileURL(path.join(here, `${name}.ts`)).href);
  if (typeof module.default === 'function') await module.default();
}
