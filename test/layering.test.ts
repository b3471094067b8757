/**
 * The layers of the codebase (README, "Architecture"), checked over the import
 * graph of every source file that is not a test:
 *
 *   cli → reports → suites → data → families → specs
 *   cli → mocks → data → families → specs
 *
 * A file's layer is its top folder, except that the mock handlers inside
 * families/ (`families/mock-handlers.ts`, `families/<id>/mock*.ts`) belong to
 * the mocks layer. bench/, docs/, scripts/, bin/ and the root config files may
 * import any non-test file. Tests may import anything, but nothing imports a
 * test. Also: no import cycles between files, and no file outside families/
 * compares or switches on a family id (a family is a profile, not an `if`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../families/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'reports/latest']);
const SOURCE = /\.(ts|js|mjs|cjs)$/;

type Layer = 'specs' | 'families' | 'data' | 'mocks' | 'suites' | 'reports' | 'cli' | 'tools';

const ALLOWED: Record<Layer, readonly Layer[] | 'all'> = {
  specs: ['specs'],
  families: ['families', 'specs'],
  data: ['data', 'families', 'specs'],
  mocks: ['mocks', 'data', 'families', 'specs'],
  suites: ['suites', 'data', 'families', 'specs'],
  reports: ['reports', 'suites', 'specs'],
  cli: 'all',
  tools: 'all',
};

function sourceFiles(dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(relative) || SKIPPED_DIRS.has(entry.name)) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(relative));
    else if (SOURCE.test(entry.name)) files.push(relative);
  }
  return files;
}

function isTest(file: string): boolean {
  return /(^|\/)test\//.test(file) || /\.test\.[jt]s$/.test(file);
}

function layerOf(file: string): Layer | undefined {
  const [top = ''] = file.split('/'); // split returns at least one part
  if (top === 'families')
    return file === 'families/mock-handlers.ts' || /^families\/[^/]+\/mock[^/]*\.ts$/.test(file) ? 'mocks' : 'families';
  if (['specs', 'data', 'mocks', 'suites', 'reports', 'cli'].includes(top)) return top as Layer;
  if (!file.includes('/') || ['bench', 'docs', 'fixtures', 'scripts', 'bin'].includes(top)) return 'tools';
  return undefined;
}

/** Relative imports of a file (static, `export … from`, and `import('…')` with a literal), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.posix.normalize(path.posix.join(path.posix.dirname(file), name)));
}

const files = sourceFiles().filter((file) => !isTest(file));
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('layering', () => {
  it('puts every source file in a layer', () => {
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !isFile(target)).map((target) => `${file} → ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('imports only from its own layer or the layers below', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file)!;
      for (const target of targets) {
        if (isTest(target)) {
          wrong.push(`${file} imports the test file ${target}`);
          continue;
        }
        const to = layerOf(target);
        const allowed = ALLOWED[from];
        if (to === undefined || (allowed !== 'all' && !allowed.includes(to))) wrong.push(`${file} (${from}) → ${target} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('asks no family question outside families/', () => {
    const ids = Object.keys(PROFILES).join('|');
    const question = new RegExp(
      String.raw`\bfamily\s*[!=]==|[!=]==\s*family\b|\.family\b|when(Not)?Family\(|[!=]==\s*['"](${ids})['"]|['"](${ids})['"]\s*[!=]==|case\s+['"](${ids})['"]`,
    );
    const asking = files.filter((file) => !file.startsWith('families/') && question.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(asking).toEqual([]);
  });
});

function isFile(file: string): boolean {
  try {
    return statSync(path.join(ROOT, file)).isFile();
  } catch {
    return false;
  }
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
function cycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)!.includes(file)) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}
