/**
 * What the built binary loads and shows: `--help` answers from the command
 * table and yargs without loading the engine's packages (the commands import
 * those on demand, and the build keeps them in separate chunks); `--debug`
 * stack traces name the TypeScript sources through dist/'s source maps.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY, cleanEnv, runProcess } from './clone-copy.ts';

const BIN = path.join(REPOSITORY, 'bin', 'aferir.js');
// The engine's third-party packages: the schema validator, the HTTP client, the browser driver, the data and router.
const ENGINE_PACKAGES = ['ajv', 'undici', 'playwright-core', '@faker-js/faker', 'find-my-way', '@apidevtools/json-schema-ref-parser'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'aferir-startup-'));
  // A module loader hook that writes down every module the process resolves.
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\n" +
      'export async function resolve(specifier, context, next) {\n' +
      '  const result = await next(specifier, context);\n' +
      "  appendFileSync(process.env.MODULE_LOG, result.url + '\\n');\n" +
      '  return result;\n' +
      '}\n',
  );
  writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function modulesLoadedBy(args: string[], log: string): Promise<string[]> {
  const logFile = path.join(dir, log);
  writeFileSync(logFile, '');
  const register = pathToFileURL(path.join(dir, 'register.mjs')).href;
  const result = await runProcess(process.execPath, ['--import', register, BIN, ...args], {
    cwd: REPOSITORY,
    env: cleanEnv({ MODULE_LOG: logFile }),
  });
  expect(result.stderr).toBe('');
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

const fromPackage = (modules: string[], name: string) => modules.some((url) => url.includes(`/node_modules/${name}/`));

describe('the built binary', () => {
  it('answers --help without loading the engine', async () => {
    const modules = await modulesLoadedBy(['--help'], 'help.log');
    expect(fromPackage(modules, 'yargs')).toBe(true);
    expect(modules.some((url) => url.includes('/dist/main.js'))).toBe(true);
    expect(ENGINE_PACKAGES.filter((name) => fromPackage(modules, name))).toEqual([]);
  });

  it('loads the engine when a command needs it (the hook sees what --help leaves out)', async () => {
    const modules = await modulesLoadedBy(
      ['data', '--spec', 'ofb-accounts-2.4.1', '--operation', 'accountsGetAccounts', '--count', '1'],
      'data.log',
    );
    expect(ENGINE_PACKAGES.filter((name) => fromPackage(modules, name)).length).toBeGreaterThan(0);
  });

  it('shows --debug stack traces at lines of the TypeScript sources', async () => {
    const spec = path.join(dir, 'bad.yaml');
    writeFileSync(spec, 'openapi: 3.0.0\npaths: [\n');
    const result = await runProcess(process.execPath, [BIN, 'specs', 'lint', spec, '--debug'], { cwd: REPOSITORY });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at .*\(\S+\/specs\/[\w-]+\.ts:\d+:\d+\)\n/);
    expect(result.stderr).not.toMatch(/\/dist\/\S+\.js:\d+/);
  });
});
