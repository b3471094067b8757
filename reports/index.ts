/**
 * Public API of reports/ for the CLI: the formats, the report folder check and
 * the one writer that touches the disk (redacting with suites/secrets/scrub.ts).
 * The PDF renderer is imported from reports/pdf.ts directly: it loads
 * playwright-core, which commands that do not print PDFs should not pay for.
 */
export { REPORT_FORMATS, parseReportFormats } from './formats.ts';
export { writeReports } from './write.ts';
export { prepareReportDir } from './report-dir.ts';
