/**
 * How a spec is loaded: where its `$ref`s may reach beyond their default
 * bounds, and how long downloading it may take. The CLI's `--ref-root` and
 * `--spec-timeout` flags of every command that takes `--spec` are parsed here,
 * so that all of them read the same way.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.ts';

export interface SpecLoadOptions {
  /**
   * `--ref-root`: folders (absolute) or http(s) URL prefixes a `$ref` may also reach, besides the
   * spec's own folder tree (a file) or origin (a URL). Default: none.
   */
  refRoots?: readonly string[];
  /** `--spec-timeout`: overall deadline in ms for downloading the spec and all its remote `$ref`s. Default 30000. */
  timeoutMs?: number;
}

export const DEFAULT_SPEC_TIMEOUT_MS = 30_000;

/** `--ref-root` values (one or many): folders resolved against `cwd` and checked to exist, or http(s) URLs. */
export function parseRefRoots(value: unknown, cwd: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item !== 'string' || item.trim() === '') throw new UsageError('Every --ref-root must be a folder or an http(s) URL.');
    if (/^https?:\/\//i.test(item)) {
      try {
        return new URL(item).href;
      } catch {
        throw new UsageError(`--ref-root '${item}' is not a valid URL.`);
      }
    }
    const folder = path.resolve(cwd, item);
    let isFolder = false;
    try {
      isFolder = statSync(folder).isDirectory();
    } catch {
      // Reported below, with the same sentence as a file.
    }
    if (!isFolder) throw new UsageError(`--ref-root ${item} is not an existing folder; name the folder the spec's $refs may read.`);
    return folder;
  });
}

/** `--spec-timeout <ms>`: a whole number of milliseconds, at least 1. */
export function parseSpecTimeout(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(Array.isArray(value) ? value[value.length - 1] : value).trim();
  const ms = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms) || ms < 1) {
    throw new UsageError(`--spec-timeout must be a whole number of milliseconds (for example 30000); got '${text}'.`);
  }
  return ms;
}

/** Both flags at once, as each command's handler reads them from yargs. */
export function specLoadOptionsFrom(argv: Record<string, unknown>, cwd: string): SpecLoadOptions {
  return { refRoots: parseRefRoots(argv['ref-root'], cwd), timeoutMs: parseSpecTimeout(argv['spec-timeout']) };
}
