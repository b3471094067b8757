// Whether dist/ matches the TypeScript sources of a clone, and building it when
// it does not. bin/aferir.js asks on every start from a clone, so this file
// stays light: it stats the files the last build read (listed in its manifest)
// and imports esbuild only when a build is due. An installed package has no
// sources and never comes here.
// Plain JavaScript on purpose: it runs before anything is built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR, ENTRY, fileStamp, readManifest } from './dist-layout.js';

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
