/**
 * Where a broken `$ref` is written. The resolver reports the target it could
 * not find (`file#/pointer`) but only a path through the composed document
 * for where it was used, so we look through every file it read for a `$ref`
 * that resolves to exactly that target — not one that merely ends alike.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { displayLocation, findRef } from './ref-walk.ts';

export interface RefUse {
  /** `/pointer/$ref`, plus ` in <file>` when the file is not the spec itself. */
  at: string;
  /** The `$ref` value as written, when known. */
  ref?: string;
}

/** The first `$ref` that resolves to `target`, the root document searched first. */
export function findRefUse(
  files: Record<string, unknown>,
  rootLocation: string,
  target: { file: string; pointer: string },
): RefUse | undefined {
  const wanted = `${normalise(target.file)}#${target.pointer}`;
  const root = normalise(rootLocation);
  const locations = Object.keys(files).sort((a, b) => Number(normalise(b) === root) - Number(normalise(a) === root));
  for (const location of locations) {
    const found = findRef(files[location], (ref) => resolve(location, ref) === wanted);
    if (found)
      return { at: `${found.pointer}/$ref${normalise(location) === root ? '' : ` in ${displayLocation(location)}`}`, ref: found.ref };
  }
  return undefined;
}

/** A `$ref` value resolved against the file it is written in: `<absolute file or URL>#<decoded pointer>`. */
function resolve(location: string, ref: string): string | undefined {
  try {
    const base = /^https?:/i.test(location) ? location : pathToFileURL(displayLocation(location)).href;
    const url = new URL(ref, base);
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    return `${normalise(url.protocol === 'file:' ? fileURLToPath(url) : url.href)}#${pointer}`;
  } catch {
    return undefined;
  }
}

function normalise(location: string): string {
  if (/^https?:/i.test(location)) return new URL(location).href;
  return path.resolve(displayLocation(location.replace(/^file:\/\//i, '')));
}
