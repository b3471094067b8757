/** `aferir demo`: the mock with every bundled spec, every suite against it, and the report. */
import type { CommandModule } from 'yargs';
import { NotImplementedError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';

export function demoCommand(_context: CommandContext): CommandModule {
  return {
    command: 'demo',
    describe: 'Run every suite against the built-in mock and write the report',
    builder: (y) => y.option('report-dir', { type: 'string', default: 'reports/latest', description: 'Where reports are written' }),
    handler: () => {
      throw new NotImplementedError('demo');
    },
  };
}
