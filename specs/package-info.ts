/**
 * Where the aferir package lives and which version it is. Found by walking up
 * from this module to the package.json named "aferir", so that the answer is
 * the same whether this runs from the TypeScript sources (tests) or from a
 * chunk in dist/ (bin/aferir.js, in a clone or in an installed package), and
 * the assets beside the code (specs/bundled/, reports/html/) are found from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

function find(): PackageInfo {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'aferir') return { root: dir, version: parsed.version ?? '0.0.0' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find aferir's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The package's root folder (the repository root in a clone). */
export function packageRoot(): string {
  cached ??= find();
  return cached.root;
}

/** The package version from package.json. */
export function toolVersion(): string {
  cached ??= find();
  return cached.version;
}
