/**
 * The published package, end to end: `npm pack` in a fresh copy of the
 * repository (its `prepare` builds dist/), `npm install --omit=dev` of the
 * tarball into an empty folder, then `npx aferir --help` and `npx aferir demo`
 * there. Proves the tarball runs on dist/ and its runtime dependencies alone:
 * no devDependency installed, no TypeScript or test shipped, nothing written
 * into node_modules. Needs the npm registry for the runtime dependencies;
 * AFERIR_SKIP_PACK_TEST=1 skips it (offline machines).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyClone, runProcess, type CloneCopy } from './clone-copy.ts';

const SKIP = process.env.AFERIR_SKIP_PACK_TEST === '1';
const SKIP_REASON = SKIP ? ' (skipped: AFERIR_SKIP_PACK_TEST=1)' : '';
// npm and the registry take tens of seconds; the demo a few more.
const TIMEOUT_MS = 300_000;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe.skipIf(SKIP)(`the npm package, installed from its tarball into an empty folder${SKIP_REASON}`, () => {
  let clone: CloneCopy;
  let app: string;
  let installed: string;
  let devDependencies: string[];

  beforeAll(async () => {
    clone = copyClone('aferir-pack-');
    devDependencies = Object.keys(
      (JSON.parse(readFileSync(path.join(clone.root, 'package.json'), 'utf8')) as { devDependencies: object }).devDependencies,
    );
    const packed = await runProcess('npm', ['pack', '--silent'], { cwd: clone.root, timeoutMs: TIMEOUT_MS });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(clone.root, packed.stdout.trim().split('\n').pop() as string);
    app = mkdtempSync(path.join(os.tmpdir(), 'aferir-app-'));
    writeFileSync(path.join(app, 'package.json'), '{ "name": "aferir-user", "private": true }\n');
    const install = await runProcess('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], {
      cwd: app,
      timeoutMs: TIMEOUT_MS,
    });
    expect(install.code, install.stderr).toBe(0);
    installed = path.join(app, 'node_modules', 'aferir');
  }, TIMEOUT_MS);
  afterAll(() => {
    clone?.remove();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('ships dist/ and the assets, without TypeScript sources, tests or the build scripts', () => {
    const files = filesUnder(installed);
    expect(files).toContain(path.join('dist', 'main.js'));
    expect(files).toContain('LICENSE');
    expect(files.filter((file) => file.endsWith('.ts') || /(^|\/)test\//.test(file) || file.startsWith('scripts'))).toEqual([]);
  });

  it('installs none of the devDependencies', () => {
    expect(devDependencies).toEqual(expect.arrayContaining(['esbuild', 'tsx', 'typescript', 'vitest']));
    expect(devDependencies.filter((name) => existsSync(path.join(app, 'node_modules', name)))).toEqual([]);
  });

  it('answers npx aferir --help', async () => {
    const help = await runProcess('npx', ['aferir', '--help'], { cwd: app });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('aferir demo');
  });

  it(
    'runs npx aferir demo to PASS, its report in the folder, and writes nothing into node_modules',
    async () => {
      const before = filesUnder(path.join(app, 'node_modules')).sort();
      const demo = await runProcess('npx', ['aferir', 'demo'], { cwd: app, timeoutMs: TIMEOUT_MS });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toMatch(/\bPASS\b/);
      expect(existsSync(path.join(app, 'reports', 'latest', 'index.html'))).toBe(true);
      expect(filesUnder(path.join(app, 'node_modules')).sort()).toEqual(before);
    },
    TIMEOUT_MS,
  );
});
