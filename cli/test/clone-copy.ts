/**
 * A throw-away copy of this repository, as a fresh clone would look after
 * `npm install` but before any build: every file except node_modules, dist/, tmp/,
 * git and outputs; its node_modules is a folder of links to ours, so a write
 * into the copy's node_modules lands in the copy (and shows) instead of ours.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'coverage', 'tmp', path.join('reports', 'latest')]);

export interface CloneCopy {
  root: string;
  /** The copy's node_modules entries (dotfiles included): what a build must leave as it is. */
  nodeModulesListing(): string[];
  remove(): void;
}

export function copyClone(prefix: string): CloneCopy {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(REPOSITORY, root, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.relative(REPOSITORY, source)),
  });
  const modules = path.join(root, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(REPOSITORY, 'node_modules'))) {
    // Caches and npm's own record are the real tree's business; .bin holds the tools' commands.
    if (entry.startsWith('.') && entry !== '.bin') continue;
    symlinkSync(path.join(REPOSITORY, 'node_modules', entry), path.join(modules, entry));
  }
  return {
    root,
    nodeModulesListing: () => readdirSync(modules).sort(),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without what an enclosing `npm test` sets (npm_config_*, npm_package_*), so a child npm reads only its folder. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command to its end; a non-zero exit is a result, not a rejection. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? cleanEnv(), timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
