#!/usr/bin/env node
// The aferir binary. The TypeScript sources run from a start-up bundle built on
// first use (see start-up-bundle.js), so `npx aferir` works from a clone with no
// build step.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCli } from './start-up-bundle.js';

// Stack traces (shown only with --debug) point at the TypeScript sources.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

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

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { main } = await loadCli(root);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stops,
  exit: (code) => process.exit(code),
});
