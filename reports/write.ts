/**
 * The one place reports touch the disk: redact (with suites/secrets/scrub.ts,
 * the engine's own scrubber), build each format with the pure builders,
 * scrub the text once more, write. Also a file reporter that does this at
 * the end of a run, for the engine's reporter list.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AferirError } from '../specs/errors.ts';
import type { RunResults } from '../suites/result-model.ts';
import { createScrubber } from '../suites/secrets/scrub.ts';
import { REPORT_FILE_NAMES, REPORT_FORMATS, type ReportFormat } from './formats.ts';
import { buildHtml, loadHtmlAssets } from './html/build.ts';
import { buildJUnit } from './junit.ts';
import { buildMarkdownSummary } from './markdown.ts';
import type { Reporter } from './reporter.ts';
import { buildResultsJson } from './results-json.ts';

export interface WriteReportsOptions {
  /** Secret strings (the --token values, passwords) scrubbed from every file, in every encoding. Default: none. */
  secrets?: readonly string[];
}

/** A report file could not be written; names the file and the reason. Exit 2, like any bad --report-dir. */
export class ReportWriteError extends AferirError {
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('report-write-failed', `Could not write the report file ${file}: ${reason}. Check --report-dir points at a writable directory.`, 2, { cause });
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
  const assets = wanted.includes('html') ? await loadHtmlAssets() : undefined;
  const builders: Record<ReportFormat, () => string> = {
    html: () => buildHtml(run, assets!),
    junit: () => buildJUnit(run),
    json: () => buildResultsJson(run),
    md: () => buildMarkdownSummary(run),
  };

  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new ReportWriteError(dir, cause);
  }
  const written: string[] = [];
  for (const format of wanted) {
    const file = path.join(dir, REPORT_FILE_NAMES[format]);
    // The builders only see redacted data; this last pass over the finished text is the
    // belt to that brace, in case a builder ever copies text from somewhere else.
    const text = scrubber.secretsOnly(builders[format]());
    try {
      await writeFile(file, text, 'utf8');
    } catch (cause) {
      throw new ReportWriteError(file, cause);
    }
    written.push(file);
  }
  return written;
}

export interface FileReporterOptions extends WriteReportsOptions {
  /** Called with the paths written, e.g. to print where the report is. Default: none. */
  onWritten?: (files: string[]) => void;
}

/** A Reporter that writes the report files when the run ends. */
export function createFileReporter(dir: string, formats: readonly ReportFormat[] = REPORT_FORMATS, options: FileReporterOptions = {}): Reporter {
  return {
    name: `files in ${dir}`,
    async onRunEnd(results) {
      const files = await writeReports(results, dir, formats, options);
      options.onWritten?.(files);
    },
  };
}
