/**
 * The report formats `aferir run --format` accepts and the file each one writes.
 * The file names are part of the command-line contract (CONTRACT.md, `aferir run`).
 */
import { UsageError } from '../specs/errors.ts';

export type ReportFormat = 'html' | 'junit' | 'json' | 'md';

/** Every format, in the order the files are written; the default of `--format`. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'junit', 'json', 'md'];

/** The file each format writes inside the report directory. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: 'index.html',
  junit: 'junit.xml',
  json: 'results.json',
  md: 'summary.md',
};

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
    if (!(REPORT_FORMATS as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown report format '${name}' in --format; use any of ${REPORT_FORMATS.join(', ')}.`);
    }
    if (!formats.includes(name as ReportFormat)) formats.push(name as ReportFormat);
  }
  return formats.length > 0 ? formats : [...REPORT_FORMATS];
}
