/** `aferir validate`: check a captured response body against its operation's schema. */
import { readFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../context.ts';
import { withSpecLoadFlags } from '../spec-load-flags.ts';

export function validateCommand(context: CommandContext): CommandModule {
  return {
    command: 'validate <payload>',
    describe: "Validate a captured response body against its operation's schema",
    builder: (y) =>
      withSpecLoadFlags(y)
        .positional('payload', { type: 'string', demandOption: true, description: 'JSON file with the response body' })
        .option('spec', { type: 'string', demandOption: true, description: 'Catalogue id, file or URL' })
        .option('operation', { type: 'string', demandOption: true, description: 'operationId (or "METHOD /path")' })
        .option('status', { type: 'string', default: '200', description: 'The response status the body came with' }),
    handler: async (argv) => {
      // Loaded on demand: `aferir --help` must not pay for ajv and the $ref resolver.
      const { loadSpec } = await import('../../specs/load.ts');
      const { specLoadOptionsFrom } = await import('../../specs/load-options.ts');
      const { findOperation, responseSchemaFor } = await import('../../specs/lookup.ts');
      const spec = await loadSpec(argv.spec as string, specLoadOptionsFrom(argv, context.cwd));
      const operation = findOperation(spec, argv.operation as string);
      const schema = responseSchemaFor(spec, operation, String(argv.status));
      const body = await readPayload(argv.payload as string);
      const violations = spec.validator.validate(schema, body);
      if (violations.length === 0) {
        writeLine(context.stdout, `valid: ${argv.payload} matches ${operation.id} ${argv.status} of ${spec.id}.`);
        return;
      }
      for (const v of violations) {
        writeLine(context.stdout, `${v.path}  ${v.rule}  ${v.value === undefined ? '(missing)' : JSON.stringify(v.value)?.slice(0, 200)}`);
      }
      writeLine(context.stderr, `${violations.length} violation${violations.length === 1 ? '' : 's'} in ${argv.payload}.`);
      context.setExitCode(1);
    },
  };
}

async function readPayload(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Payload file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`Payload file ${file} is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
}
