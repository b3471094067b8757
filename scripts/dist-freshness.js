// Whether dist/ matches the TypeScript sources of a clone, and building it when
// it does not. bin/aferir.js asks on every start from a clone, so this file
// stays light: it stats the files the last build read (listed in its manifest)
// and imports esbuild only when a build is due. An installed package has no
// sources and never comes here.
// Plain JavaScript on purpose: it runs before anything is built.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the build goes, relative to the package root. */
export const DIST_DIR = 'dist';
/** The module bin/aferir.js imports, inside dist/. */
export const ENTRY = 'main.js';
/** The TypeScript entry point everything else is found from, relative to the package root. */
export const ENTRY_SOURCE = 'cli/main.ts';
/** The build's record of what it read and wrote, inside dist/. */
export const MANIFEST = 'build.json';
/** Files that shape the build besides the sources esbuild reports reading. */
export const BUILD_CONFIG = ['scripts/build-dist.js', 'tsconfig.json'];

/** `[size, mtimeMs]` of a file, or null when it is gone. */
export function fileStamp(file) {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? [info.size, info.mtimeMs] : null;
}

/** The last build's manifest in `outDir`, or undefined when there is none or it cannot be read. */
export function readManifest(outDir) {
  try {
    return JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why dist/ does not match the sources under `root` (one phrase), or undefined when it does. */
export function staleReason(root) {
  const outDir = path.join(root, DIST_DIR);
  const manifest = readManifest(outDir);
  if (!manifest || !Array.isArray(manifest.outputs) || typeof manifest.inputs !== 'object') return 'dist/ has not been built yet';
  const missing = manifest.outputs.find((file) => !existsSync(path.join(outDir, file)));
  if (missing) return `dist/${missing} is missing`;
  for (const [file, stamp] of Object.entries(manifest.inputs)) {
    const now = fileStamp(path.join(root, file));
    if (!now) return `${file} is gone since the last build`;
    if (!Array.isArray(stamp) || now[0] !== stamp[0] || now[1] !== stamp[1]) return `${file} changed since the last build`;
  }
  return undefined;
}

function isMissingEsbuild(error) {
  return error?.code === 'ERR_MODULE_NOT_FOUND' && /'esbuild'/.test(String(error.message));
}

/**
 * Builds dist/ when it does not match the sources, telling `log` why (one line).
 * Without esbuild (a devDependency) an existing dist/ is used as it is, with a
 * warning; a missing one is an error whose message says what to do.
 */
export async function ensureDist(root, log) {
  const reason = staleReason(root);
  if (!reason) return;
  let buildDist;
  try {
    ({ buildDist } = await import('./build-dist.js'));
  } catch (error) {
    if (!isMissingEsbuild(error)) throw error;
    const advice = `esbuild (a devDependency) is not installed: run \`npm install\` in ${root}`;
    if (!existsSync(path.join(root, DIST_DIR, ENTRY))) throw new Error(`cannot build dist/ (${reason}): ${advice}.`, { cause: error });
    log(`running the old dist/ although ${reason}; ${advice} to rebuild it.`);
    return;
  }
  log(`building dist/ (${reason})…`);
  await buildDist(root);
}
