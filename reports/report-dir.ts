/**
 * Where a report may go, checked before a run sends anything, so a bad
 * --report-dir costs a second rather than a whole run. Refused: a filesystem
 * root (`/`, `C:\`, a UNC share) and the home folder itself — a report folder
 * holds one run's files beside whatever else is there, and `--report-dir ~`
 * is almost always a forgotten sub-folder — and an existing file. A missing
 * folder is created and proven writable. A folder given as a symlink (a
 * `latest` link to a dated folder) is resolved once; the caller says so.
 */
import { lstat, mkdir, mkdtemp, readlink, realpath, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AferirError } from '../specs/errors.ts';

/** A --report-dir that cannot or must not hold reports: exit 2, before any request. */
export class ReportDirError extends AferirError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('report-dir-invalid', message, 2, options);
  }
}

export interface PreparedReportDir {
  /** The folder the files go to: as given, or the folder a symlink given pointed at. */
  dir: string;
  /** The path given, when it was a symlink (resolved once, here). */
  symlink?: string;
}

export interface PrepareReportDirOptions {
  /** The user's home folder, which is refused. Default: os.homedir(). */
  home?: string;
}

/** Why `dir` must never hold reports (`the root of the filesystem`, `your home folder`), or undefined. */
export function refusedReportDir(dir: string, home: string | undefined, paths: path.PlatformPath = path): string | undefined {
  const resolved = paths.resolve(dir);
  if (paths.parse(resolved).root === resolved) return 'the root of the filesystem';
  if (home && samePath(resolved, paths.resolve(home), paths)) return 'your home folder';
  return undefined;
}

/** Checks `dir` (absolute), creates it if missing and proves it writable; throws ReportDirError with one sentence. */
export async function prepareReportDir(dir: string, options: PrepareReportDirOptions = {}): Promise<PreparedReportDir> {
  const given = path.resolve(dir);
  const home = options.home ?? os.homedir();
  refuse(given, given, refusedReportDir(given, home));

  const entry = await lstat(given).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new ReportDirError(`--report-dir ${given} cannot be read (${codeOf(error)}); give a folder you can write to.`, { cause: error });
  });
  if (entry === undefined) {
    await mkdir(given, { recursive: true }).catch((error: unknown) => {
      throw new ReportDirError(`--report-dir ${given} cannot be created (${codeOf(error)}); give a folder you can write to.`, {
        cause: error,
      });
    });
  }
  const real = await realpath(given).catch(async (error: unknown) => {
    const target = entry?.isSymbolicLink() ? await readlink(given).catch(() => '?') : undefined;
    if (target !== undefined)
      throw new ReportDirError(
        `--report-dir ${given} is a symlink to ${target}, which does not exist; create that folder or give another one.`,
        { cause: error },
      );
    throw new ReportDirError(`--report-dir ${given} cannot be resolved (${codeOf(error)}); give a folder you can write to.`, {
      cause: error,
    });
  });
  if (!(await stat(real)).isDirectory())
    throw new ReportDirError(`--report-dir ${given} is a file, not a directory; give a folder (it is created when missing).`);
  const realHome = await realpath(home).catch(() => home);
  refuse(given, real, refusedReportDir(real, realHome));

  try {
    await rmdir(await mkdtemp(path.join(real, '.aferir-write-check-')));
  } catch (error) {
    throw new ReportDirError(`--report-dir ${given} is not writable (${codeOf(error)}); give a folder you can write to.`, { cause: error });
  }
  return entry?.isSymbolicLink() ? { dir: real, symlink: given } : { dir: given };
}

function refuse(given: string, real: string, reason: string | undefined): void {
  if (reason === undefined) return;
  const where = given === real ? `${given} is` : `${given} leads to ${real}, which is`;
  throw new ReportDirError(`--report-dir ${where} ${reason}; give a folder of its own, e.g. reports/latest.`);
}

/** Windows paths compare without case; POSIX paths exactly. */
function samePath(a: string, b: string, paths: path.PlatformPath): boolean {
  return paths.sep === '\\' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}
