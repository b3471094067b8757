/**
 * `aferir report`: what to do with report folders after a run —
 * `pdf` (render index.html with a local Chromium), `diff` (compare two runs
 * result by result: the "no regressions" gate) and `merge` (join the shards
 * of a run into one report).
 */
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../context.ts';

export function reportCommand(context: CommandContext): CommandModule {
  return {
    command: 'report <action>',
    describe: 'Work with report folders: pdf, diff, merge',
    builder: (y: Argv) =>
      y
        .command(pdfCommand(context))
        .command(diffCommand(context))
        .command(mergeCommand(context))
        .demandCommand(1, 'Name a report action: pdf, diff or merge.'),
    handler: () => undefined,
  };
}

function pdfCommand(context: CommandContext): CommandModule {
  return {
    command: 'pdf <report-dir>',
    describe: 'Render a report folder to PDF with a local Chromium',
    builder: (y) =>
      y
        .positional('report-dir', { type: 'string', demandOption: true, description: 'A directory written by aferir run/demo' })
        .option('out', { type: 'string', description: 'Output file (default <report-dir>/report.pdf)' })
        .option('browser', {
          type: 'string',
          description:
            'Chromium/Chrome executable (default $AFERIR_BROWSER, then /usr/bin/chromium, then chromium or google-chrome on PATH)',
        }),
    handler: async (argv) => {
      // playwright-core is heavy: loaded only when a PDF is asked for.
      const { renderPdf } = await import('../../reports/pdf.ts');
      const out = argv.out === undefined ? undefined : path.resolve(context.cwd, argv.out as string);
      const pdf = await renderPdf(path.resolve(context.cwd, argv.reportDir as string), {
        out,
        browser: argv.browser as string | undefined,
        env: context.env,
      });
      writeLine(context.stdout, pdf);
    },
  };
}

function diffCommand(context: CommandContext): CommandModule {
  return {
    command: 'diff <base> <new>',
    describe: 'Compare two runs by result id: new failures, fixed, unchanged (exit 1 on a new failure)',
    builder: (y) =>
      y
        .positional('base', { type: 'string', demandOption: true, description: 'results.json (or its report folder) of the base run' })
        .positional('new', { type: 'string', demandOption: true, description: 'results.json (or its report folder) of the new run' })
        .option('fail-on', {
          type: 'string',
          choices: ['new', 'any', 'none'],
          default: 'new',
          description: 'Exit 1 on a new failure (new), on any failure of the new run (any), or never (none)',
        })
        .option('json', { type: 'boolean', description: 'Print the comparison as JSON: the result ids of each list (default false)' }),
    handler: async (argv) => {
      const { readResults } = await import('../../reports/read-results.ts');
      const { diffExitCode, diffRuns, diffText } = await import('../../reports/diff.ts');
      const base = await readResults(argv.base as string, context.cwd);
      const next = await readResults(argv.new as string, context.cwd);
      const diff = diffRuns(base.run, next.run);
      if (argv.json) {
        const ids = (list: ReadonlyArray<{ id: string }>) => list.map((result) => result.id);
        const json = {
          newFailures: ids(diff.newFailures),
          fixed: ids(diff.fixed),
          stillFailing: ids(diff.stillFailing),
          gone: ids(diff.gone),
          unchanged: ids(diff.unchanged),
        };
        writeLine(context.stdout, JSON.stringify(json, null, 2));
      } else {
        writeLine(context.stdout, diffText(diff, { base: argv.base as string, next: argv.new as string }));
      }
      context.setExitCode(diffExitCode(diff, argv.failOn as 'new' | 'any' | 'none'));
    },
  };
}

function mergeCommand(context: CommandContext): CommandModule {
  return {
    command: 'merge <dirs..>',
    describe: 'Join the report folders of the shards of a run (--shard i/n) into one report',
    builder: (y) =>
      y
        .positional('dirs', { type: 'string', array: true, demandOption: true, description: "Every shard's report folder" })
        .option('out', { type: 'string', alias: 'report-dir', description: 'Where the joined report goes (default reports/latest)' })
        .option('format', { type: 'string', array: true, description: 'Report formats: html,junit,json,md (default all four)' }),
    handler: async (argv) => {
      const reports = await import('../../reports/index.ts');
      const { readResults } = await import('../../reports/read-results.ts');
      const { mergeShards } = await import('../../reports/merge.ts');
      const formats = reports.parseReportFormats((argv.format as string[] | undefined) ?? [...reports.REPORT_FORMATS]);
      const shards = [];
      for (const dir of argv.dirs as string[]) shards.push(await readResults(dir, context.cwd));
      const run = mergeShards(shards);
      const folder = await reports.prepareReportDir(path.resolve(context.cwd, (argv.out as string | undefined) ?? 'reports/latest'), {
        home: context.env.HOME || context.env.USERPROFILE || undefined,
      });
      const files = await reports.writeReports(run, folder.dir, formats);
      const { summary } = run;
      writeLine(
        context.stdout,
        `${shards.length} shards, ${summary.total} results: ${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warnings, ${summary.skipped} skipped`,
      );
      for (const file of files) writeLine(context.stdout, path.relative(context.cwd, file) || file);
      writeLine(context.stdout, run.verdict === 'pass' ? 'PASS' : 'FAIL');
      context.setExitCode(run.verdict === 'pass' ? 0 : 1);
    },
  };
}
