/**
 * Public API of reports/: pure builders (run → text), the one writer that
 * touches the disk (redacting with suites/secrets/scrub.ts) and the file reporter, a run observer. The PDF
 * renderer is imported from reports/pdf.ts directly: it loads playwright-core,
 * which commands that do not print PDFs should not pay for.
 */
export { REPORT_FILE_NAMES, REPORT_FORMATS, parseReportFormats, type ReportFormat } from './formats.ts';
export { buildHtml, embedJson, loadHtmlAssets, type HtmlAssets } from './html/build.ts';
export { buildJUnit } from './junit.ts';
export { buildMarkdownSummary } from './markdown.ts';
export { buildResultsJson } from './results-json.ts';
export { ReportWriteError, createFileReporter, writeReports, type FileReporterOptions, type WriteReportsOptions } from './write.ts';
export { ReportDirError, prepareReportDir, refusedReportDir, type PreparedReportDir, type PrepareReportDirOptions } from './report-dir.ts';
export { BrowserNotFoundError, findBrowser } from './browser.ts';
