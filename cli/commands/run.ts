/** `aferir run`: the conformance suites against any implementation. */
import type { CommandModule } from 'yargs';
import { NotImplementedError } from '../../specs/errors.ts';
import type { CommandContext } from '../context.ts';

export function runCommand(_context: CommandContext): CommandModule {
  return {
    command: 'run',
    describe: 'Run the conformance suite of a spec against an implementation',
    builder: (y) =>
      y
        .option('target', { type: 'string', description: 'The API base URL, e.g. https://api.bank.example/open-banking/accounts/v2' })
        .option('spec', { type: 'string', description: 'Catalogue id, file or URL' })
        .option('token', { type: 'string', description: 'Bearer token holding every permission' })
        .option('token-without-permissions', { type: 'string', description: 'Bearer token missing permissions (enables the 403 checks)' })
        .option('header', { type: 'string', array: true, description: "Extra header 'Name: value' (repeatable)" })
        .option('cert', { type: 'string', description: 'Client certificate (PEM) for mutual TLS' })
        .option('key', { type: 'string', description: 'Client key (PEM) for mutual TLS' })
        .option('ca', { type: 'string', description: 'CA bundle (PEM) to trust' })
        .option('insecure', { type: 'boolean', default: false, description: 'Do not verify the server certificate' })
        .option('param', { type: 'string', array: true, description: 'Known path parameter name=value (repeatable)' })
        .option('only', { type: 'string', array: true, description: 'Run only this check id (repeatable)' })
        .option('skip', { type: 'string', array: true, description: 'Skip this check id (repeatable)' })
        .option('concurrency', { type: 'number', default: 4, description: 'Requests in flight at once' })
        .option('timeout', { type: 'number', default: 10000, description: 'Per-request timeout in ms' })
        .option('report-dir', { type: 'string', default: 'reports/latest', description: 'Where reports are written' })
        .option('format', { type: 'string', default: 'html,junit,json,md', description: 'Report formats' })
        .option('config', { type: 'string', description: 'JSON or YAML file with the same options' }),
    handler: () => {
      throw new NotImplementedError('run');
    },
  };
}
