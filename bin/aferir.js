#!/usr/bin/env node
// The aferir binary: TypeScript sources run through tsx's loader, so `npx aferir`
// works from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
