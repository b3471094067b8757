#!/usr/bin/env node
// The aferir binary: runs the compiled CLI in dist/ (`npm run build`). From a
// clone, which has the TypeScript sources, it first rebuilds dist/ when a source
// changed since the last build (that writes dist/ only), so `npx aferir` works
// with no separate build step. An installed package has dist/ and no sources:
// it just runs dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const debug = process.argv.includes('--debug');

// Stack traces (shown only with --debug) point at the TypeScript sources, through dist/'s source maps.
if (debug) process.setSourceMapsEnabled(true);

if (existsSync(path.join(root, 'cli', 'main.ts'))) {
  const { ensureDist } = await import('../scripts/dist-freshness.js');
  try {
    await ensureDist(root, (line) => process.stderr.write(`aferir: ${line}\n`));
  } catch (error) {
    // esbuild has already printed which source failed to compile, and where.
    const message = error?.errors ? 'building dist/ from the sources failed (see above).' : error.message;
    process.stderr.write(`aferir: ${message}\n${debug && error?.stack ? `${error.stack}\n` : ''}`);
    process.exit(2);
  }
}

// `aferir specs list | head`: a reader that goes away early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// SIGINT/SIGTERM go to a command only while it listens (run and demo do, to write the reports for
// what ran); the rest of the time Node's default applies and a signal ends the process at once.
const stops = {
  listen(onStop) {
    const onInterrupt = () => onStop('SIGINT');
    const onTerminate = () => onStop('SIGTERM');
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    return () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    };
  },
};

const { main } = await import(pathToFileURL(path.join(root, 'dist', 'main.js')).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stops,
  exit: (code) => process.exit(code),
});
