/**
 * The one place reports touch the disk: redact (with suites/secrets/scrub.ts,
 * the engine's own scrubber), build each format with the pure builders that
 * formats.ts maps, scrub the text once more, write. Every file is first written
 * into a fresh temporary folder inside the report folder (same filesystem),
 * and only when all of them are there is each renamed into place: a builder
 * that fails leaves the previous report whole, and a rename replaces a
 * symlink planted where a report goes instead of writing through it. Other
 * files in the folder are left alone. Also a file reporter that does this at
 * the end of a run: a run observer (suites/engine/observer.ts) for runSuite's `observers`.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AferirError } from '../specs/errors.ts';
import type { RunResults } from '../suites/result-model.ts';
import { createScrubber } from '../suites/secrets/scrub.ts';
import { REPORT_FILE_NAMES, REPORT_FORMATS, buildReport, type ReportFormat } from './formats.ts';
import { ReportDirError, refusedReportDir } from './report-dir.ts';
import type { RunObserver } from '../suites/engine/observer.ts';

export interface WriteReportsOptions {
  /** Secret strings (the --token values, passwords) scrubbed from every file, in every encoding. Default: none. */
  secrets?: readonly string[];
}

/** A report file could not be written; names the file and the reason. Exit 2, like any bad --report-dir. */
export class ReportWriteError extends AferirError {
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'report-write-failed',
      `Could not write the report file ${file}: ${reason}. Check --report-dir points at a writable directory.`,
      2,
      { cause },
    );
  }
}

/**
 * Writes the chosen formats into `dir` (created if missing) and returns the
 * paths written, in the order of REPORT_FORMATS.
 */
export async function writeReports(
  results: RunResults,
  dir: string,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  options: WriteReportsOptions = {},
): Promise<string[]> {
  const scrubber = createScrubber(options.secrets ?? []);
  const run = scrubber.deep(results);
  const wanted = REPORT_FORMATS.filter((format) => formats.includes(format));

  // The CLI checks the folder before the run (prepareReportDir); this guards every other caller.
  const refused = refusedReportDir(dir, undefined);
  if (refused) throw new ReportDirError(`--report-dir ${path.resolve(dir)} is ${refused}; give a folder of its own, e.g. reports/latest.`);
  let staging: string;
  try {
    await mkdir(dir, { recursive: true });
    staging = await mkdtemp(path.join(dir, '.aferir-report-'));
  } catch (cause) {
    throw new ReportWriteError(dir, cause);
  }
  try {
    for (const format of wanted) {
      // The builders only see redacted data; this last pass over the finished text is the
      // belt to that brace, in case a builder ever copies text from somewhere else.
      const text = scrubber.secretsOnly(await buildReport(format, run));
      const file = path.join(staging, REPORT_FILE_NAMES[format]);
      // `wx`: the folder is fresh and ours; anything already at that name is not, so fail rather than follow it.
      await writeFile(file, text, { encoding: 'utf8', flag: 'wx' }).catch((cause: unknown) => {
        throw new ReportWriteError(path.join(dir, REPORT_FILE_NAMES[format]), cause);
      });
    }
    const written: string[] = [];
    for (const format of wanted) {
      const file = path.join(dir, REPORT_FILE_NAMES[format]);
      await rename(path.join(staging, REPORT_FILE_NAMES[format]), file).catch((cause: unknown) => {
        throw new ReportWriteError(file, cause);
      });
      written.push(file);
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface FileReporterOptions extends WriteReportsOptions {
  /** Called with the paths written, e.g. to print where the report is. Default: none. */
  onWritten?: (files: string[]) => void;
}

/** A run observer that writes the report files when the run ends. */
export function createFileReporter(
  dir: string,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  options: FileReporterOptions = {},
): RunObserver {
  return {
    name: `files in ${dir}`,
    async onRunEnd(results) {
      const files = await writeReports(results, dir, formats, options);
      options.onWritten?.(files);
    },
  };
}
