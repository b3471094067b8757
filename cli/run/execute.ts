/**
 * The part `aferir run` and `aferir demo` share: check the report folder
 * before anything is sent, run with progress on stderr, write the reports,
 * print the summary on stdout, and return the exit code of the contract
 * (0 pass, 1 a check failed, 130/143 interrupted by SIGINT/SIGTERM through
 * `options.signal`; 2 and 3 arrive as thrown errors).
 * Everything printed is scrubbed of the run's secrets first.
 */
import path from 'node:path';
import { runSuite } from '../../suites/engine/run-suite.ts';
import type { RunOptions } from '../../suites/engine/run-options.ts';
import type { RunResults } from '../../suites/result-model.ts';
import type { LiveSecrets } from '../../suites/secrets/live-secrets.ts';
import { createScrubber, scrubError } from '../../suites/secrets/scrub.ts';
import { exitCodeForSignal } from './signal-exit.ts';
import { painter, progressLine, summaryText } from './summary.ts';

export interface ExecuteIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ReportTarget {
  /** Absolute directory the report files go to. */
  dir: string;
  /** Format names (`html`, `junit`, `json`, `md`); empty = all four. */
  formats: readonly string[];
  /** Strings never to print or write. */
  secrets: readonly string[];
  /** Secrets learnt during the run (`--auth` tokens); scrubbed like `secrets`. Default: none. */
  live?: LiveSecrets;
}

export async function executeRun(
  options: RunOptions,
  io: ExecuteIo,
  report: ReportTarget,
): Promise<{ run: RunResults; files: string[]; exitCode: number }> {
  const scrub = createScrubber(report.secrets, report.live ? { live: report.live } : {}).text;
  try {
    return await runAndReport(options, io, report, scrub);
  } catch (error) {
    // main() prints the message (and, with --debug, the stack): a target's words quoted in an error must not carry a token there.
    throw scrubError(error, scrub);
  }
}

async function runAndReport(
  options: RunOptions,
  io: ExecuteIo,
  report: ReportTarget,
  scrub: (text: string) => string,
): Promise<{ run: RunResults; files: string[]; exitCode: number }> {
  // Loaded here, not at the top: reports/ pulls the HTML template and builders, which `--help` must not pay for.
  const reports = await import('../../reports/index.ts');
  const formats = reports.parseReportFormats(report.formats.length > 0 ? [...report.formats] : [...reports.REPORT_FORMATS]);
  // Before the first request: a bad folder found after a long run would cost the run.
  const folder = await reports.prepareReportDir(report.dir, { home: io.env.HOME || io.env.USERPROFILE || undefined });
  if (folder.symlink)
    io.stderr.write(`note: --report-dir ${relativeToCwd(folder.symlink, io.cwd)} is a symlink; writing into ${folder.dir}.\n`);
  const errPaint = painter(io.stderr, io.env);
  const run = await runSuite({
    ...options,
    observers: [
      {
        name: 'progress on stderr',
        onProgress: (event) => {
          const line = progressLine(event, errPaint);
          if (line !== undefined) io.stderr.write(`${scrub(line)}\n`);
        },
      },
      ...(options.observers ?? []),
    ],
  });
  const written = await reports.writeReports(run, folder.dir, formats, { secrets: [...report.secrets, ...(report.live?.values ?? [])] });
  const files = written.map((file) => relativeToCwd(file, io.cwd));
  io.stdout.write(`${scrub(summaryText(run, files, painter(io.stdout, io.env)))}\n`);
  return { run, files, exitCode: exitCodeOf(run) };
}

function exitCodeOf(run: RunResults): number {
  if (run.interrupted) return exitCodeForSignal(run.interruption?.signal);
  return run.verdict === 'pass' ? 0 : 1;
}

function relativeToCwd(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
