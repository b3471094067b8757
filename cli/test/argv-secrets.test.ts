/**
 * Secrets on the command line stay out of what the CLI prints even when a
 * command fails before the run starts (a bad flag value echoed back, yargs'
 * own messages), and header values that are not secrets are not scrubbed.
 */
import { describe, expect, it } from 'vitest';
import { isSecretHeaderValue } from '../../suites/secrets/header-rules.ts';
import { resolveRunConfig } from '../run/run-config.ts';
import { runCli } from './run-cli.ts';

const SECRET = 'Zx9secretTOKEN42';
const RUN = ['run', '--spec', 'ofb-accounts', '--target', 'http://127.0.0.1:9'];

describe('errors before the run starts', () => {
  it.each([
    ['a --token value echoed by yargs', [...RUN, '--token', SECRET, '--fail-on', SECRET], {}],
    ['a secret --header value echoed by a flag check', [...RUN, `--header=x-api-key: ${SECRET}`, '--now', SECRET], {}],
    ['$AFERIR_TOKEN echoed through --flag=value', [...RUN, `--now=${SECRET}`], { AFERIR_TOKEN: SECRET }],
    ["the mock's --basic-auth pair echoed by a flag check", ['mock', '--basic-auth', `id:${SECRET}`, '--now', `id:${SECRET}`], {}],
  ])('%s is redacted', async (_case, argv, env) => {
    const { code, stdout, stderr } = await runCli(argv, { env });
    expect(code).toBe(2);
    expect(stderr).toContain('[redacted]');
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it('a value that is no secret is printed as given', async () => {
    const { code, stderr } = await runCli([...RUN, '--now', SECRET]);
    expect(code).toBe(2);
    expect(stderr).toContain(`'${SECRET}'`);
  });
});

describe('which --header values are secrets', () => {
  it.each([
    ['Authorization', 'Bearer abc', true],
    ['x-api-key', 'short', true],
    ['X-Consumer', '4f9a8b7c6d5e4f3a2b1c', true],
    ['Accept', 'application/json', false],
    ['x-fapi-customer-ip-address', '10.1.1.1', false],
    ['x-customer-user-agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120', false],
  ])('%s: %s → %s', (name, value, secret) => {
    expect(isSecretHeaderValue(name, value)).toBe(secret);
  });

  it('the run scrubs only the secret ones', () => {
    const config = resolveRunConfig(
      { spec: 'ofb-accounts', target: 'http://127.0.0.1:9', header: ['Accept: application/json', 'x-api-key: key-1234'] },
      {},
      {},
      process.cwd(),
    );
    expect(config.secrets).toEqual(['key-1234']);
  });
});
