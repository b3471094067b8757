/** `aferir data` end to end, in-process: JSON Lines that validate, stable output per seed, identifiers, and exit 2 on bad flags. */
import { cpf } from 'cpf-cnpj-validator';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { loadSpec } from '../../specs/load.ts';
import { findOperation, responseSchemaFor } from '../../specs/lookup.ts';

const NOW = '2025-06-01T12:00:00Z';

describe('aferir data', () => {
  it('prints N bodies as JSON Lines that validate against the operation; the same seed prints the same bytes', async () => {
    const args = [
      'data',
      '--spec',
      'ofb-accounts-2.4.1',
      '--operation',
      'accountsGetAccountsAccountIdTransactions',
      '--count',
      '3',
      '--seed',
      '9',
      '--now',
      NOW,
    ];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const spec = await loadSpec('ofb-accounts-2.4.1');
    const schema = responseSchemaFor(spec, findOperation(spec, 'accountsGetAccountsAccountIdTransactions'), '200');
    for (const line of lines) expect(spec.validator.validate(schema, JSON.parse(line))).toEqual([]);
    expect(new Set(lines).size).toBe(3);
    expect((await runCli(args)).stdout).toBe(first.stdout);
    expect((await runCli([...args.slice(0, -4), '--seed', '10', '--now', NOW])).stdout).not.toBe(first.stdout);
  });

  it('prints the created body for --status 201, not the default error body', async () => {
    const file = fileURLToPath(new URL('./fixtures/create-with-default.yaml', import.meta.url));
    const { code, stdout } = await runCli(['data', '--spec', file, '--operation', 'createItem', '--status', '201', '--now', NOW]);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    const spec = await loadSpec(file);
    expect(spec.validator.validate(responseSchemaFor(spec, findOperation(spec, 'createItem'), '201'), body)).toEqual([]);
    expect(body).toMatchObject({ data: { status: 'AWAITING_AUTHORISATION' } });
  });

  it('prints an error body for a documented error status', async () => {
    const { code, stdout } = await runCli([
      'data',
      '--spec',
      'opus-accounts-2.4.1',
      '--operation',
      'accountsGetAccounts',
      '--status',
      '422',
      '--now',
      NOW,
    ]);
    expect(code).toBe(0);
    const spec = await loadSpec('opus-accounts-2.4.1');
    expect(spec.validator.validate(responseSchemaFor(spec, findOperation(spec, 'accountsGetAccounts'), '422'), JSON.parse(stdout))).toEqual(
      [],
    );
  });

  it('prints, for every documented error status of every bundled operation, the body the mock answers with: valid and deterministic', async () => {
    const { CATALOGUE } = await import('../../specs/catalogue.ts');
    const { generateBodies } = await import('../../cli/data-bodies.ts');
    let checked = 0;
    for (const entry of CATALOGUE) {
      const spec = await loadSpec(entry.id);
      for (const operation of spec.operations) {
        for (const response of operation.responses.filter((r) => /^[45]\d\d$/.test(r.status))) {
          const options = { spec: entry.id, operation: operation.id, status: response.status, count: 1, seed: '5', now: new Date(NOW) };
          const [body] = await generateBodies(options);
          expect(
            spec.validator.validate(responseSchemaFor(spec, operation, response.status), body),
            `${entry.id} ${operation.id} ${response.status}`,
          ).toEqual([]);
          expect(JSON.stringify((await generateBodies(options))[0])).toBe(JSON.stringify(body));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    const [notFound] = await (
      await import('../../cli/data-bodies.ts')
    ).generateBodies({
      spec: 'ofb-accounts-2.4.1',
      operation: 'accountsGetAccounts',
      status: '404',
      count: 1,
      seed: '1',
      now: new Date(NOW),
    });
    expect(notFound).toMatchObject({
      errors: [{ code: 'NOT_FOUND', title: 'Not found' }],
      meta: { requestDateTime: '2025-06-01T12:00:00Z' },
    });
  });

  it('prints identifiers one per line', async () => {
    const cpfs = await runCli(['data', 'cpf', '--count', '5', '--seed', '42']);
    expect(cpfs.code).toBe(0);
    const lines = cpfs.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(cpf.isValid(line)).toBe(true);
    const banks = await runCli(['data', 'bank', '--count', '2']);
    expect(
      banks.stdout
        .trim()
        .split('\n')
        .every((line) => /^\d{3} \d{8} \S/.test(line)),
    ).toBe(true);
  });

  it.each([
    [['data', 'cpf', '--count', 'muitos']],
    [['data', 'cpf', '--count', '0']],
    [['data', '--spec', 'ofb-accounts-2.4.1']],
    [['data', 'cpf', '--spec', 'ofb-accounts-2.4.1', '--operation', 'accountsGetAccounts']],
    [['data', '--spec', 'ofb-accounts-2.4.1', '--operation', 'naoExiste']],
    [['data', '--spec', 'originator-applications-1.0.0', '--operation', 'getApplication', '--status', '418']],
    [['data', '--spec', 'ofb-accounts-2.4.1', '--operation', 'accountsGetAccounts', '--now', 'ontem']],
    [['data', 'rg']],
  ])('exits 2 with one sentence for %j', async (argv) => {
    const { code, stderr, stdout } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^aferir: .+[.!?]\s*$/);
  });
});
