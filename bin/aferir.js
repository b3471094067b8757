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

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { main } = await loadCli(root);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
