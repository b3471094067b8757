/** `aferir data`: generated bodies and Brazilian identifiers as fixtures. */
import type { CommandModule } from 'yargs';
import { NotImplementedError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';

export function dataCommand(_context: CommandContext): CommandModule {
  return {
    command: 'data [kind]',
    describe: 'Print generated response bodies (JSON Lines) or identifiers (cpf, cnpj, pix, bank)',
    builder: (y) =>
      y
        .positional('kind', { type: 'string', choices: ['cpf', 'cnpj', 'pix', 'bank'], description: 'Identifier kind' })
        .option('spec', { type: 'string', description: 'Catalogue id, file or URL' })
        .option('operation', { type: 'string', description: 'operationId' })
        .option('status', { type: 'string', default: '200', description: 'Response status' })
        .option('count', { type: 'number', default: 1, description: 'How many' })
        .option('seed', { type: 'string', default: '1', description: 'Seed' })
        .option('now', { type: 'string', description: 'Pin the clock (ISO-8601)' }),
    handler: () => {
      throw new NotImplementedError('data');
    },
  };
}
