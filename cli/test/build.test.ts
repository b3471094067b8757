/**
 * bin/aferir.js from a clone: it runs dist/, builds it when it is missing or a
 * source changed (writing dist/ only, never node_modules), leaves it alone
 * when it is current, and says which source broke a build. In a copy of the
 * repository, so the real dist/ is never touched.
 */
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyClone, runProcess, type CloneCopy } from './clone-copy.ts';

let clone: CloneCopy;
let modulesBefore: string[];

beforeAll(() => {
  clone = copyClone('aferir-clone-');
  modulesBefore = clone.nodeModulesListing();
});
afterAll(() => clone?.remove());

const aferir = (args: string[]) => runProcess(process.execPath, [path.join(clone.root, 'bin', 'aferir.js'), ...args], { cwd: clone.root });
const manifest = () => path.join(clone.root, 'dist', 'build.json');
const version = () => (JSON.parse(readFileSync(path.join(clone.root, 'package.json'), 'utf8')) as { version: string }).version;

describe('the binary from a clone', () => {
  it('builds dist/ on the first run, says so on stderr, then answers', async () => {
    expect(existsSync(path.join(clone.root, 'dist'))).toBe(false);
    const first = await aferir(['--version']);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(version());
    expect(first.stderr).toMatch(/^aferir: building dist\/ \(dist\/ has not been built yet\)…\n$/);
    expect(existsSync(path.join(clone.root, 'dist', 'main.js'))).toBe(true);
  });

  it('does not build again while the sources are unchanged', async () => {
    const builtAt = statSync(manifest()).mtimeMs;
    const again = await aferir(['--help']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(statSync(manifest()).mtimeMs).toBe(builtAt);
  });

  it('rebuilds after a source changes, and runs the changed code', async () => {
    appendFileSync(path.join(clone.root, 'cli', 'main.ts'), "\nprocess.stderr.write('changed-source-marker\\n');\n");
    const changed = await aferir(['--version']);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain('aferir: building dist/ (cli/main.ts changed since the last build)…');
    expect(changed.stderr).toContain('changed-source-marker');
  });

  it('exits 2 naming the source when it does not compile, and recovers once it does', async () => {
    const source = path.join(clone.root, 'cli', 'main.ts');
    const good = readFileSync(source, 'utf8');
    writeFileSync(source, `${good}\nconst = ;\n`);
    const broken = await aferir(['--version']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('cli/main.ts');
    expect(broken.stderr).toMatch(/\naferir: building dist\/ from the sources failed \(see above\)\.\n$/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(source, good);
    const fixed = await aferir(['--version']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.trim()).toBe(version());
  });

  it('wrote nothing into node_modules on the way', () => {
    expect(clone.nodeModulesListing()).toEqual(modulesBefore);
  });
});
