/**
 * The one map of report formats (after Vitest's reporters/index.ts): the name
 * `aferir run --format` accepts, the file it writes and how it is built from a
 * run. A new format is its builder's file plus one entry here; write.ts writes
 * whatever this map lists. The file names are part of the command-line
 * contract (CONTRACT.md, `aferir run`).
 */
import { UsageError } from '../specs/errors.ts';
import type { RunResults } from '../suites/result-model.ts';
import { buildHtml, loadHtmlAssets } from './html/build.ts';
import { buildJUnit } from './junit.ts';
import { buildMarkdownSummary } from './markdown.ts';
import { buildResultsJson } from './results-json.ts';

interface ReportFormatEntry {
  /** The file it writes inside the report directory. */
  file: string;
  /** Its text for a run that is already redacted. */
  build: (run: RunResults) => string | Promise<string>;
}

// In the order the files are written, which is also the default of `--format`.
const FORMATS = {
  html: { file: 'index.html', build: async (run) => buildHtml(run, await loadHtmlAssets()) },
  junit: { file: 'junit.xml', build: buildJUnit },
  json: { file: 'results.json', build: buildResultsJson },
  md: { file: 'summary.md', build: buildMarkdownSummary },
} satisfies Record<string, ReportFormatEntry>;

export type ReportFormat = keyof typeof FORMATS;

/** Every format, in the order the files are written; the default of `--format`. */
export const REPORT_FORMATS: readonly ReportFormat[] = Object.keys(FORMATS) as ReportFormat[];

/** The file each format writes inside the report directory. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: FORMATS.html.file,
  junit: FORMATS.junit.file,
  json: FORMATS.json.file,
  md: FORMATS.md.file,
};

/** The text of one format for a run (already redacted: the builders copy what they are given). */
export async function buildReport(format: ReportFormat, run: RunResults): Promise<string> {
  return FORMATS[format].build(run);
}

function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(FORMATS, name);
}

/**
 * Parses `--format html,junit` (or a repeated flag) into formats, without duplicates.
 * An unknown name is a usage error that lists the valid ones.
 */
export function parseReportFormats(value: string | readonly string[]): ReportFormat[] {
  const names = (typeof value === 'string' ? [value] : value)
    .flatMap((item) => item.split(','))
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  const formats: ReportFormat[] = [];
  for (const name of names) {
    if (!isReportFormat(name)) {
      throw new UsageError(`Unknown report format '${name}' in --format; use any of ${REPORT_FORMATS.join(', ')}.`);
    }
    if (!formats.includes(name)) formats.push(name);
  }
  return formats.length > 0 ? formats : [...REPORT_FORMATS];
}
