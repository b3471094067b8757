/** `aferir replay <results.json> --only <result-id>`: one result of an earlier run, checked again (cli/run/replay.ts). */
import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';

export function replayCommand(context: CommandContext): CommandModule {
  return {
    command: 'replay <results>',
    describe: "Re-send a result's exchanges and re-run its check (exit 0 PASS, 1 FAIL)",
    builder: (y) =>
      y
        .positional('results', { type: 'string', demandOption: true, description: 'results.json of the earlier run, or its report folder' })
        .option('only', {
          type: 'string',
          demandOption: true,
          description: 'The result id to replay, e.g. response-schema@accountsGetAccounts',
        })
        .option('target', { type: 'string', description: "The API base URL (default: the run's)" })
        .option('spec', { type: 'string', description: "Catalogue id, file or URL (default: the run's)" })
        .option('token', { type: 'string', description: 'Bearer token (or $AFERIR_TOKEN); never read from the file' })
        .option('token-without-permissions', {
          type: 'string',
          description: 'Token missing permissions (or $AFERIR_TOKEN_WITHOUT_PERMISSIONS)',
        })
        .option('header', { type: 'string', array: true, description: "Extra header 'Name: value' (repeatable)" })
        .option('param', { type: 'string', array: true, description: 'Known path parameter name=value (repeatable)' })
        .option('cert', { type: 'string', description: 'Client certificate (PEM) for mutual TLS' })
        .option('key', { type: 'string', description: 'Client key (PEM) for mutual TLS' })
        .option('ca', { type: 'string', description: 'CA bundle (PEM) to trust' })
        .option('insecure', { type: 'boolean', description: 'Do not verify the server certificate (default false)' })
        .option('timeout', { type: 'number', description: 'Per-request timeout in ms (default 10000)' })
        .option('now', { type: 'string', description: 'The clock for date windows (ISO-8601; default: now)' }),
    handler: async (argv) => {
      const { readResults } = await import('../../reports/read-results.ts');
      const { replay } = await import('../run/replay.ts');
      const { file, run } = await readResults(argv.results as string, context.cwd);
      const flags = {
        target: argv.target,
        spec: argv.spec,
        token: argv.token,
        'token-without-permissions': argv['token-without-permissions'],
        header: argv.header,
        param: argv.param,
        cert: argv.cert,
        key: argv.key,
        ca: argv.ca,
        insecure: argv.insecure,
        timeout: argv.timeout,
        now: argv.now,
        'fail-on': run.failOn,
      };
      context.setExitCode(await replay({ run, file, id: argv.only as string, flags }, context));
    },
  };
}
