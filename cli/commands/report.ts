/** `aferir report pdf`: the HTML report rendered to PDF with a local Chromium. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../context.ts';

export function reportCommand(context: CommandContext): CommandModule {
  return {
    command: 'report <action> <report-dir>',
    describe: 'Render a report directory (pdf)',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['pdf'], demandOption: true })
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
