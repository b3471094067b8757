/**
 * `aferir demo`: the mock in-process on a free port with every bundled spec,
 * the consent journey against it, every suite (the consents suites and the
 * data suites on the consent-bound tokens), one combined report, the summary. Exit 0 only if
 * every check passed.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';
import { exitCodeForSignal, whileStoppable } from '../stop.ts';

export function demoCommand(context: CommandContext): CommandModule {
  return {
    command: 'demo',
    describe: 'Walk the consent journey and run every suite against the built-in mock; write the report',
    builder: (y) =>
      y
        .option('report-dir', { type: 'string', default: 'reports/latest', description: 'Where reports are written' })
        .option('format', { type: 'string', array: true, description: 'Report formats: html,junit,json,md (default all four)' }),
    handler: async (argv) => {
      // Loaded on demand: `aferir --help` must not pay for the mock, the engine and the reports.
      const { runDemo } = await import('../run/demo.ts');
      // Ctrl-C/SIGTERM: stop sending, write the reports for what ran, exit 130/143 (cli/stop.ts).
      const { value: outcome, stoppedBy } = await whileStoppable(context, (signal) =>
        runDemo(context, {
          reportDir: path.resolve(context.cwd, argv['report-dir'] as string),
          formats: (argv.format as string[] | undefined) ?? [],
          now: context.now?.(),
          signal,
        }),
      );
      context.setExitCode(stoppedBy ? exitCodeForSignal(stoppedBy) : outcome.exitCode);
    },
  };
}
