/**
 * `aferir run`: the conformance suites against any implementation. Flags have
 * no yargs defaults on purpose: a value from --config must not be overridden
 * by a default the user never typed (defaults apply in cli/run/run-config.ts).
 */
import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.ts';
import { withSpecLoadFlags } from '../spec-load-flags.ts';
import { exitCodeForSignal, whileStoppable } from '../stop.ts';

export function runCommand(context: CommandContext): CommandModule {
  return {
    command: 'run',
    describe: 'Run the conformance suite of a spec against an implementation',
    builder: (y) =>
      withSpecLoadFlags(y)
        .option('target', { type: 'string', description: 'The API base URL, e.g. https://api.bank.example/open-banking/accounts/v2' })
        .option('spec', { type: 'string', description: 'Catalogue id, file or URL' })
        .option('token', {
          type: 'string',
          description: 'Bearer token holding every permission (or $AFERIR_TOKEN); for HTTP basic, user:password',
        })
        .option('token-without-permissions', {
          type: 'string',
          description: 'Token missing permissions: enables the 403 checks (or $AFERIR_TOKEN_WITHOUT_PERMISSIONS)',
        })
        .option('missing-permission', {
          type: 'string',
          array: true,
          description: 'A permission that token lacks (repeatable; default: all of them)',
        })
        .option('header', { type: 'string', array: true, description: "Extra header 'Name: value' (repeatable)" })
        .option('cert', { type: 'string', description: 'Client certificate (PEM) for mutual TLS' })
        .option('key', { type: 'string', description: 'Client key (PEM) for mutual TLS' })
        .option('ca', { type: 'string', description: 'CA bundle (PEM) to trust' })
        .option('insecure', { type: 'boolean', description: 'Do not verify the server certificate (default false)' })
        .option('resolve', {
          type: 'string',
          array: true,
          description: 'host:port:address — connect there for that host and port, TLS still by host name, as curl (repeatable)',
        })
        .option('param', { type: 'string', array: true, description: 'Known path parameter name=value (repeatable)' })
        .option('only', { type: 'string', array: true, description: 'Run only this check id (repeatable)' })
        .option('skip', { type: 'string', array: true, description: 'Skip this check id (repeatable)' })
        .option('concurrency', { type: 'number', description: 'Requests in flight at once (default 4)' })
        .option('timeout', { type: 'number', description: 'Per-request timeout in ms (default 10000)' })
        .option('report-dir', { type: 'string', description: 'Where reports are written (default reports/latest)' })
        .option('format', { type: 'string', array: true, description: 'Report formats: html,junit,json,md (default all four)' })
        .option('fail-on', { type: 'string', choices: ['error', 'warning'], description: 'Which severity fails the run (default error)' })
        .option('allow-skips', {
          type: 'boolean',
          description: 'Pass even when checks could not exercise every operation (default false: every operation must be covered)',
        })
        .option('min-coverage', {
          type: 'string',
          description: 'Fraction of operations (0..1) checks must exercise for the run to pass (default 1)',
        })
        .option('now', { type: 'string', description: 'The clock for date windows (ISO-8601; default: now)' })
        .option('shard', { type: 'string', description: 'Run shard i of n of the plan, e.g. 2/4 (join them with aferir report merge)' })
        .option('auth', {
          type: 'string',
          description:
            'YAML/JSON file: issuer, client, keys, consent and approval (auto|browser|manual); tokens come from the consent flow',
        })
        .option('target-jwks', {
          type: 'string',
          description: 'URL or file of the JWKS the target signs application/jwt bodies with (enables jws-signature)',
        })
        .option('config', { type: 'string', description: 'JSON or YAML file with the same options' }),
    handler: async (argv) => {
      // Loaded on demand: `aferir --help` must not pay for the engine, ajv and undici.
      const { readConfigFile } = await import('../run/config-file.ts');
      const { resolveRunConfig } = await import('../run/run-config.ts');
      const { executeRun } = await import('../run/execute.ts');
      const file = typeof argv.config === 'string' ? await readConfigFile(argv.config, context.cwd) : {};
      const flags = {
        target: argv.target,
        spec: argv.spec,
        token: argv.token,
        'token-without-permissions': argv['token-without-permissions'],
        'missing-permission': argv['missing-permission'],
        header: argv.header,
        cert: argv.cert,
        key: argv.key,
        ca: argv.ca,
        insecure: argv.insecure,
        resolve: argv.resolve,
        param: argv.param,
        only: argv.only,
        skip: argv.skip,
        concurrency: argv.concurrency,
        timeout: argv.timeout,
        'report-dir': argv['report-dir'],
        format: argv.format,
        'fail-on': argv['fail-on'],
        'allow-skips': argv['allow-skips'],
        'min-coverage': argv['min-coverage'],
        now: argv.now,
        shard: argv.shard,
        'ref-root': argv['ref-root'],
        'spec-timeout': argv['spec-timeout'],
        'target-jwks': argv['target-jwks'],
      };
      const config = resolveRunConfig(flags, file, context.env, context.cwd);
      const { loadAuth, runWithAuth } = await import('../run/run-with-auth.ts');
      const auth = await loadAuth(argv.auth, file.auth, context.cwd);
      // Ctrl-C/SIGTERM: stop sending, write the reports for what ran, exit 130/143 (cli/stop.ts).
      const { value: outcome, stoppedBy } = await whileStoppable(context, (signal) =>
        auth
          ? runWithAuth(auth, config, signal, context)
          : executeRun({ ...config.options, signal }, context, { dir: config.reportDir, formats: config.formats, secrets: config.secrets }),
      );
      context.setExitCode(stoppedBy ? exitCodeForSignal(stoppedBy) : outcome.exitCode);
    },
  };
}
