/** `aferir specs list|lint`: the catalogue, and what a validator would trip on in a spec. */
import type { CommandModule } from 'yargs';
import { CATALOGUE } from '../../specs/catalogue.ts';
import type { CommandContext } from '../context.ts';
import { withSpecLoadFlags } from '../spec-load-flags.ts';
import { writeLine } from '../context.ts';

export function specsCommand(context: CommandContext): CommandModule {
  return {
    command: 'specs <action>',
    describe: 'List the bundled spec catalogue, or lint a spec',
    builder: (y) =>
      y
        .command({
          command: 'list',
          describe: 'List the bundled specs',
          builder: (yy) => yy.option('json', { type: 'boolean', default: false, description: 'Print a JSON array' }),
          handler: async (argv) => listSpecs(context, argv.json as boolean),
        })
        .command({
          command: 'lint <ref>',
          describe: 'Load a spec (catalogue id, file or URL) and report its defects',
          builder: (yy) =>
            withSpecLoadFlags(
              yy
                .positional('ref', { type: 'string', demandOption: true, description: 'Catalogue id, file path or http(s) URL' })
                .option('json', { type: 'boolean', default: false, description: 'Print the findings as JSON' }),
            ),
          handler: async (argv) => lintSpec(context, argv),
        })
        .demandCommand(1, 'Name an action: list or lint.'),
    handler: () => undefined,
  };
}

// The loader is imported on demand: `aferir --help` must not pay for ajv and the $ref resolver.
async function listSpecs(context: CommandContext, json: boolean): Promise<void> {
  const { loadSpec } = await import('../../specs/load.ts');
  const specs = await Promise.all(CATALOGUE.map((entry) => loadSpec(entry.id)));
  const rows = specs.map((spec) => ({
    id: spec.id,
    title: spec.title,
    version: spec.version,
    basePath: spec.basePath,
    file: spec.file,
    operations: spec.operations.length,
  }));
  if (json) {
    writeLine(context.stdout, JSON.stringify(rows, null, 2));
    return;
  }
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const pathWidth = Math.max(...rows.map((r) => r.basePath.length));
  for (const row of rows) {
    writeLine(
      context.stdout,
      `${row.id.padEnd(idWidth)}  ${row.basePath.padEnd(pathWidth)}  ${String(row.operations).padStart(2)} ops  ${row.title} (${row.version})`,
    );
  }
}

async function lintSpec(context: CommandContext, argv: Record<string, unknown>): Promise<void> {
  const { loadSpec } = await import('../../specs/load.ts');
  const { specLoadOptionsFrom } = await import('../../specs/load-options.ts');
  const { formatLint } = await import('../format-lint.ts');
  const spec = await loadSpec(argv.ref as string, specLoadOptionsFrom(argv, context.cwd));
  if (argv.json) {
    writeLine(context.stdout, JSON.stringify({ spec: spec.id, findings: spec.lint }, null, 2));
    return;
  }
  writeLine(context.stdout, formatLint(spec));
}
