// How bin/aferir.js starts the TypeScript sources. The first run after a change
// bundles cli/main.ts with esbuild (code-split, so each command still loads only
// what it needs) into node_modules/.cache/aferir/<fingerprint>/; later runs import
// that plain JavaScript directly. Compared with transpiling through tsx on every
// start, this saves its loader thread (about 36 MB of RSS for a running mock) and
// a third of a second per command. When a bundle cannot be built (no esbuild
// binary, read-only node_modules) or AFERIR_NO_BUNDLE=1 is set, the sources run
// through tsx as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE_DIRS = ['cli', 'specs', 'families', 'data', 'mocks', 'suites', 'reports'];
const STALE_MS = 60 * 60 * 1000;

/** Every product source file with its size and mtime: a change anywhere gives a new fingerprint. */
function fingerprint(root) {
  const hash = createHash('sha1');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === 'test' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) {
        const info = statSync(full);
        hash.update(`${full}\0${info.size}\0${info.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  // The lock file (dependencies), this launcher (build options) and Node itself belong to the bundle too.
  hash.update(
    `${statSync(path.join(root, 'package-lock.json')).mtimeMs}\0${statSync(new URL(import.meta.url)).mtimeMs}\0${process.version}`,
  );
  return hash.digest('hex').slice(0, 16);
}

async function build(root, target) {
  const { build: esbuild } = await import('esbuild');
  const staging = `${target}.tmp-${process.pid}`;
  await esbuild({
    entryPoints: { main: path.join(root, 'cli', 'main.ts') },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another aferir process finished the same bundle first: use theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}

function pruneOld(cacheDir, keep) {
  for (const entry of readdirSync(cacheDir)) {
    const full = path.join(cacheDir, entry);
    if (entry === keep) continue;
    try {
      // Another process may still be importing from a recent bundle; only old ones go.
      if (Date.now() - statSync(full).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // Best effort: a leftover bundle costs disk, not correctness.
    }
  }
}

/** The CLI's main module: from the bundle when possible, else from the sources through tsx. */
export async function loadCli(root) {
  if (process.env.AFERIR_NO_BUNDLE !== '1') {
    try {
      const cacheDir = path.join(root, 'node_modules', '.cache', 'aferir');
      const key = fingerprint(root);
      const target = path.join(cacheDir, key);
      if (!existsSync(path.join(target, 'main.js'))) {
        mkdirSync(cacheDir, { recursive: true });
        await build(root, target);
        pruneOld(cacheDir, key);
      }
      return await import(pathToFileURL(path.join(target, 'main.js')).href);
    } catch {
      // Fall through to tsx: slower to start, same behaviour.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(root, 'cli', 'main.ts')).href);
}
