/** `aferir report pdf`: the HTML report rendered to PDF. */
import type { CommandModule } from 'yargs';
import { NotImplementedError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';

export function reportCommand(_context: CommandContext): CommandModule {
  return {
    command: 'report <action> <report-dir>',
    describe: 'Render a report directory (pdf)',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['pdf'], demandOption: true })
        .positional('report-dir', { type: 'string', demandOption: true })
        .option('out', { type: 'string', description: 'Output file (default <report-dir>/report.pdf)' })
        .option('browser', { type: 'string', description: 'Chromium executable (default $AFERIR_BROWSER or /usr/bin/chromium)' }),
    handler: () => {
      throw new NotImplementedError('report pdf');
    },
  };
}
