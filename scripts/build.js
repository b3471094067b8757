#!/usr/bin/env node
// `npm run build`: compiles the TypeScript sources into dist/ (see build-dist.js).
// npm runs it as `prepare` too, so `npm install`/`npm ci` in a clone and `npm pack`
// build; a package installed from its tarball has no devDependencies and does not.
//   node scripts/build.js              a clean build: dist/ holds this build only
//   node scripts/build.js --if-stale   builds only when the sources changed since the last build
// Plain JavaScript on purpose: it runs before anything is built.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDist } from './dist-freshness.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function say(line) {
  process.stderr.write(`[build] ${line}\n`);
}

async function cleanBuild() {
  let buildDist;
  try {
    ({ buildDist } = await import('./build-dist.js'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`esbuild (a devDependency) is not installed: run \`npm install\` in ${root}.`, { cause: error });
  }
  const startedMs = performance.now();
  const outputs = await buildDist(root, { clean: true });
  say(`dist/: ${outputs.length} files in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
}

try {
  if (process.argv.includes('--if-stale')) await ensureDist(root, say);
  else await cleanBuild();
} catch (error) {
  // esbuild has already printed what in which source failed to compile.
  say(error?.errors ? 'the build failed (see above).' : String(error?.message ?? error));
  process.exitCode = 1;
}
