/** `aferir data`: generated response bodies (JSON Lines) and Brazilian identifiers, as fixtures. */
import type { CommandModule } from 'yargs';
import { UsageError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../context.ts';
import { withSpecLoadFlags } from '../spec-load-flags.ts';

const MAX_BODIES = 10_000;
const MAX_IDENTIFIERS = 1_000_000;

export function dataCommand(context: CommandContext): CommandModule {
  return {
    command: 'data [kind]',
    describe: 'Print generated response bodies (JSON Lines) or identifiers (cpf, cnpj, pix, bank)',
    builder: (y) =>
      withSpecLoadFlags(y)
        .positional('kind', {
          type: 'string',
          choices: ['cpf', 'cnpj', 'pix', 'bank'],
          description: 'Identifier kind (instead of --spec/--operation)',
        })
        .option('spec', { type: 'string', description: 'Catalogue id, file or URL' })
        .option('operation', { type: 'string', description: 'operationId (or "METHOD /path")' })
        .option('status', { type: 'string', default: '200', description: 'Response status whose body to generate' })
        .option('count', { type: 'string', default: '1', description: 'How many bodies or identifiers' })
        .option('seed', {
          type: 'string',
          default: '1',
          description: 'Seed: the same seed gives the same data (and the same customer as aferir mock --seed)',
        })
        .option('now', { type: 'string', description: 'Pin the clock (ISO-8601); default: the current time' })
        .option('alphanumeric', { type: 'boolean', default: false, description: 'cnpj: the alphanumeric format in force from July 2026' })
        .example('$0 data --spec ofb-accounts-2.4.1 --operation accountsGetAccounts --count 3', 'Three account lists as JSON Lines')
        .example('$0 data cpf --count 5 --seed 42', 'Five valid CPFs'),
    handler: async (argv) => {
      const count = parseCount(argv.count as string, argv.kind ? MAX_IDENTIFIERS : MAX_BODIES);
      const seed = String(argv.seed);
      if (argv.kind) {
        if (argv.spec || argv.operation)
          throw new UsageError(`Give either an identifier kind ('${argv.kind}') or --spec/--operation, not both.`);
        // Loaded on demand: `aferir --help` must not pay for the bank list and faker.
        const { identifier } = await import('../../data/identifiers.ts');
        for (let i = 0; i < count; i++)
          writeLine(context.stdout, identifier(argv.kind as 'cpf', i, { seed, alphanumeric: argv.alphanumeric as boolean }));
        return;
      }
      if (!argv.spec || !argv.operation)
        throw new UsageError("Give --spec and --operation to generate bodies, or an identifier kind: 'aferir data cpf|cnpj|pix|bank'.");
      const now = parseNow(argv.now as string | undefined, context.now?.() ?? new Date());
      const { generateBodies } = await import('../data-bodies.ts');
      const { specLoadOptionsFrom } = await import('../../specs/load-options.ts');
      const specLoad = specLoadOptionsFrom(argv, context.cwd);
      for (const body of await generateBodies({
        spec: argv.spec as string,
        specLoad,
        operation: argv.operation as string,
        status: String(argv.status),
        count,
        seed,
        now,
      })) {
        writeLine(context.stdout, JSON.stringify(body));
      }
    },
  };
}

function parseCount(text: string, max: number): number {
  const count = Number(text);
  if (!/^\d+$/.test(String(text).trim()) || !Number.isSafeInteger(count) || count < 1 || count > max) {
    throw new UsageError(`--count must be a whole number from 1 to ${max}; got '${text}'.`);
  }
  return count;
}

function parseNow(text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now must be an ISO-8601 date or date-time such as 2025-06-01T12:00:00Z; got '${text}'.`);
  }
  return date;
}
