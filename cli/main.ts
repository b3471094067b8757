/**
 * The aferir command line: yargs wiring only. Each command lives in
 * cli/commands/ and calls into specs/, mocks/, suites/ and reports/.
 */
import yargs from 'yargs';
import { AferirError, UsageError } from '../specs/errors.ts';
import { dataCommand } from './commands/data.ts';
import { demoCommand } from './commands/demo.ts';
import { mockCommand } from './commands/mock.ts';
import { replayCommand } from './commands/replay.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { specsCommand } from './commands/specs.ts';
import { validateCommand } from './commands/validate.ts';
import type { CliIo, CommandContext } from './context.ts';
import { writeLine } from './context.ts';
import { toolVersion } from '../specs/package-info.ts';
import { createScrubber, scrubError } from '../suites/secrets/scrub.ts';
import { secretsInArgv } from './argv-secrets.ts';

export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = {
    ...io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const debug = argv.includes('--debug');
  let output = '';

  const parser = yargs()
    .scriptName('aferir')
    .usage(
      '$0 <command> [options]\n\nMock transmitter and conformance suites for Open Finance Brasil, Open Insurance Brasil and neighbouring APIs.',
    )
    .command(mockCommand(context))
    .command(runCommand(context))
    .command(demoCommand(context))
    .command(specsCommand(context))
    .command(validateCommand(context))
    .command(dataCommand(context))
    .command(reportCommand(context))
    .command(replayCommand(context))
    .option('debug', { type: 'boolean', description: 'Show stack traces of errors', global: true })
    .demandCommand(1, 'Name a command; run aferir --help to see them.')
    .recommendCommands()
    .strict()
    .version(toolVersion())
    .alias('help', 'h')
    .alias('version', 'v')
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
    .epilog('Exit codes: 0 success, 1 a check failed, 2 usage or configuration error, 3 target unreachable.')
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(`${oneSentence(message)} Run 'aferir --help' for usage.`);
    })
    .exitProcess(false);

  try {
    await parser.parseAsync(argv, {}, (_error, _parsed, text) => {
      output = text;
    });
    if (output) writeLine(io.stdout, output);
    return exitCode;
  } catch (error) {
    const scrub = createScrubber(secretsInArgv(argv, io.env)).text;
    return reportError(scrubError(error, scrub), io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof AferirError) {
    writeLine(io.stderr, `aferir: ${error.message}`);
    if (debug && error.stack) writeLine(io.stderr, error.stack);
    return error.exitCode;
  }
  const err = error as Error;
  writeLine(
    io.stderr,
    `aferir: unexpected error: ${err?.message ?? String(error)}${debug ? '' : ' (run again with --debug for the stack trace).'}`,
  );
  if (debug && err?.stack) writeLine(io.stderr, err.stack);
  return 2;
}

function oneSentence(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(flat) ? flat : `${flat}.`;
}
