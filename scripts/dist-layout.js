// Where the build puts dist/ and how it records what it read: shared by the
// build (build-dist.js) and the freshness check (dist-freshness.js), so that
// neither imports the other. Plain JavaScript: it runs before anything is built.
import { readFileSync, statSync } from 'node:fs';
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
export const BUILD_CONFIG = ['scripts/build-dist.js', 'scripts/dist-layout.js', 'tsconfig.json'];

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
