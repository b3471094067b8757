/** `aferir mock`: the spec-driven mock transmitter. */
import type { CommandModule } from 'yargs';
import { NotImplementedError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';

export function mockCommand(_context: CommandContext): CommandModule {
  return {
    command: 'mock',
    describe: 'Start the mock transmitter for one or more specs',
    builder: (y) =>
      y
        .option('spec', { type: 'string', array: true, description: 'Catalogue id, file or URL (repeatable; default: every bundled spec)' })
        .option('port', { type: 'number', default: 4010, description: 'Port to listen on (0 picks a free one)' })
        .option('host', { type: 'string', default: '127.0.0.1', description: 'Interface to bind' })
        .option('seed', { type: 'string', default: '1', description: 'Same seed, same data' })
        .option('now', { type: 'string', description: 'Pin the clock (ISO-8601)' }),
    handler: () => {
      throw new NotImplementedError('mock');
    },
  };
}
