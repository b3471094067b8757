import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../specs/catalogue.ts';
import { tempSpecDir } from '../../specs/test/helpers.ts';
import { runCli } from './run-cli.ts';

const run = promisify(execFile);

function payload(body: unknown): string {
  const dir = tempSpecDir({});
  const file = path.join(dir, 'body.json');
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

describe('aferir (in-process)', () => {
  it('--help lists every command of the contract', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['mock', 'run', 'demo', 'specs', 'validate', 'data', 'report']) expect(stdout).toContain(`aferir ${command}`);
    expect(stdout).toMatch(/Exit codes: 0 .* 3 target unreachable/);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown flag or command is one sentence on stderr and exit 2', async () => {
    for (const argv of [['specs', 'list', '--bogus'], ['frobnicate'], []]) {
      const { code, stderr, stdout } = await runCli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^aferir: /);
    }
  });

  it('specs list --json describes the catalogue specs', async () => {
    const { code, stdout } = await runCli(['specs', 'list', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual([
      'ofb-accounts-2.4.1',
      'ofb-financings-2.3.0',
      'opus-accounts-2.4.1',
      'opus-financings-2.3.0',
      'opus-commons-1.0.0',
      'opin-financial-assistance-1.2.0',
      'ofb-consents-3.3.1',
      'opin-consents-3.0.0',
      'opin-resources-3.0.0',
      'originator-applications-1.0.0',
      'belvo-accounts-1.223.0',
    ]);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['basePath', 'file', 'id', 'operations', 'title', 'version']);
      expect(existsSync(path.join(REPOSITORY_ROOT, row.file as string))).toBe(true);
      expect(row.operations).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.id === 'ofb-accounts-2.4.1')).toMatchObject({
      basePath: '/open-banking/accounts/v2',
      version: '2.4.1',
      operations: 6,
    });
  });

  it('specs lint prints each defect with its pointer; an unknown id is exit 2', async () => {
    const lint = await runCli(['specs', 'lint', 'opin-financial-assistance-1.2.0']);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toContain(
      '#/components/schemas/InsuranceFinancialAssistanceMovements/properties/remainingCounterInstallmentsQuantity/maxLength',
    );
    const json = JSON.parse((await runCli(['specs', 'lint', 'opus-accounts-2.4.1', '--json'])).stdout);
    expect(json.findings.some((f: { code: string }) => f.code === 'pattern-never-matches')).toBe(true);
    const unknown = await runCli(['specs', 'lint', 'no-such-spec']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/'no-such-spec' is not a bundled catalogue id/);
  });

  it('validate: exit 0 for a valid body', async () => {
    const { code, stdout } = await runCli([
      'validate',
      '--spec',
      'opus-commons-1.0.0',
      '--operation',
      'checkAccountHolderStatus',
      payload({ data: { isAccountHolder: true } }),
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^valid: /);
  });

  it('validate: exit 1 with the path, the rule and the value of each violation', async () => {
    const body = {
      data: [
        {
          brandName: 'Banco',
          companyName: 'Banco SA',
          type: 'CONTA_CORRENTE',
          subtype: 'INDIVIDUAL',
          compeCode: '1',
          branchCode: '0001',
          number: '12345',
          checkDigit: '1',
          accountId: 'a1',
        },
      ],
      links: { self: 'https://api.banco.com.br/open-banking/accounts/v2/accounts' },
      meta: { totalRecords: 1, totalPages: 1, requestDateTime: '2021-05-21T08:30:00Z' },
    };
    const { code, stdout, stderr } = await runCli([
      'validate',
      '--spec',
      'ofb-accounts-2.4.1',
      '--operation',
      'accountsGetAccounts',
      payload(body),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('$.data[0].compeCode  pattern ^\\d{3}$  "1"');
    expect(stdout).toMatch(
      /\$\.data\[0\]\.type {2}enum \[CONTA_DEPOSITO_A_VISTA, CONTA_POUPANCA, CONTA_PAGAMENTO_PRE_PAGA\] {2}"CONTA_CORRENTE"/,
    );
    expect(stderr).toMatch(/^\d+ violations? in /);
  });

  it('validate: --status picks the error schema', async () => {
    const { code, stdout } = await runCli([
      'validate',
      '--spec',
      'ofb-accounts-2.4.1',
      '--operation',
      'accountsGetAccounts',
      '--status',
      '404',
      payload({ errors: [] }),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('$.errors  minItems 1  []');
  });

  it('validate: bad input is exit 2 with one sentence', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--spec', 'ofb-accounts-2.4.1', '--operation', 'nope', payload({})],
        /Operation 'nope' is not in ofb-accounts-2\.4\.1; its operations are: accountsGetAccounts/,
      ],
      [
        ['--spec', 'ofb-accounts-2.4.1', '--operation', 'accountsGetAccounts', '/no/such/file.json'],
        /Payload file \/no\/such\/file\.json cannot be read/,
      ],
      [['--spec', 'ofb-accounts-2.4.1', '--operation', 'accountsGetAccounts', payload('{not json')], /is not valid JSON/],
      [
        ['--spec', 'originator-applications-1.0.0', '--operation', 'getApplication', '--status', '418', payload({})],
        /documents no response 418/,
      ],
      [['--operation', 'x', payload({})], /Missing required argument: spec/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await runCli(['validate', ...argv]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('the real binary', () => {
  const bin = path.join(REPOSITORY_ROOT, 'bin', 'aferir.js');

  it('answers --help and exits 0', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toContain('aferir specs');
  });

  it('exits 2 without a stack trace on a broken spec, and shows one with --debug', async () => {
    const dir = tempSpecDir({ 'bad.yaml': 'openapi: 3.0.0\npaths: [\n' });
    const failure = await run(process.execPath, [bin, 'specs', 'lint', path.join(dir, 'bad.yaml')]).then(
      () => undefined,
      (e) => e,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/^aferir: .*bad\.yaml is not valid YAML or JSON: .* at line \d+, column \d+\.\n$/);
    const debug = await run(process.execPath, [bin, 'specs', 'lint', path.join(dir, 'bad.yaml'), '--debug']).then(
      () => undefined,
      (e) => e,
    );
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
