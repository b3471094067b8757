// Builds dist/ from the TypeScript sources: cli/main.ts and everything it
// imports, bundled by esbuild as ES modules. Third-party packages stay in
// node_modules (they are the package's runtime dependencies). Code splitting
// keeps the commands' `await import(...)` of heavy modules lazy, so `--help`
// loads the command table and yargs, not the engine. Linked source maps without
// the sources' text let `--debug` stack traces name the .ts files and lines at a
// fraction of the size.
//
// dist/ is written in place, safely for aferir processes already running from
// it: chunk names carry a hash of their content, every file is written under a
// temporary name and renamed (atomic), main.js after its chunks and the
// manifest last. Left-over chunks of earlier builds go when they are neither in
// this build nor the previous one and an hour old, or at once with `clean`.
// Plain JavaScript on purpose: it runs before anything is built.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_CONFIG, DIST_DIR, ENTRY, ENTRY_SOURCE, MANIFEST, fileStamp, readManifest } from './dist-layout.js';

const LEFTOVER_MS = 60 * 60 * 1000;

function writeAtomically(file, contents) {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Each file the build read with its stamp; one that changed while esbuild ran is recorded as changed. */
function stampInputs(root, files, startedMs) {
  const inputs = {};
  for (const file of files) {
    const stamp = fileStamp(path.join(root, file));
    inputs[file] = stamp && stamp[1] <= startedMs ? stamp : [-1, -1];
  }
  return inputs;
}

function removeLeftovers(outDir, keep, clean) {
  for (const name of readdirSync(outDir)) {
    if (keep.has(name)) continue;
    const full = path.join(outDir, name);
    const ageMs = Date.now() - (statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    // Another build's temporary file may be about to be renamed, and a chunk an older aferir process still imports.
    const youngTemporary = name.endsWith('.tmp') && ageMs < LEFTOVER_MS;
    if (youngTemporary || (!clean && ageMs < LEFTOVER_MS)) continue;
    rmSync(full, { recursive: true, force: true });
  }
}

/**
 * Builds the sources under `root` into `outDir`.
 * @param {string} root the package root (a clone)
 * @param {{ outDir?: string, clean?: boolean }} [options] outDir defaults to `<root>/dist`; clean (default false) removes every file of earlier builds
 * @returns {Promise<string[]>} the files written, relative to outDir
 */
export async function buildDist(root, { outDir = path.join(root, DIST_DIR), clean = false } = {}) {
  const startedMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [path.basename(ENTRY, '.js')]: ENTRY_SOURCE },
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, ENTRY);
  // The entry (and its map) last: until it is renamed into place, dist/main.js still names the chunks of the last build.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path.startsWith(entry)) - Number(b.path.startsWith(entry)));
  for (const file of files) writeAtomically(file.path, file.contents);
  const outputs = files.map((file) => path.relative(outDir, file.path));
  const previous = readManifest(outDir)?.outputs ?? [];
  const inputs = stampInputs(root, [...Object.keys(result.metafile.inputs), ...BUILD_CONFIG], startedMs);
  writeAtomically(path.join(outDir, MANIFEST), `${JSON.stringify({ entry: ENTRY, outputs, inputs }, null, 1)}\n`);
  removeLeftovers(outDir, new Set([MANIFEST, ...outputs, ...(clean ? [] : previous)]), clean);
  return outputs;
}
