/**
 * `aferir replay results.json --only <id>`: re-sends a failed result's
 * exchanges and re-runs its check — FAIL (exit 1) while the target is still
 * broken, PASS (exit 0) once it is fixed — with the token from the
 * environment, never from the file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountsFixture, type AccountsFixture } from '../../fixtures/ofb-accounts-fixture.ts';
import { runCli } from './run-cli.ts';

const TOKEN = 'replay-token-5678';
const NOW = '2026-05-10T12:00:00Z';
let broken: AccountsFixture;
let fixed: AccountsFixture;
let dir: string;
let terminal = '';

beforeAll(async () => {
  broken = await startAccountsFixture({ defect: 'wrong-pattern', now: () => new Date(NOW) });
  fixed = await startAccountsFixture({ now: () => new Date(NOW) });
  dir = await mkdtemp(path.join(tmpdir(), 'aferir-replay-'));
  const run = await runCli(['run', '--target', broken.url, '--spec', 'ofb-accounts-2.4.1', '--now', NOW, '--report-dir', dir], {
    env: { AFERIR_TOKEN: TOKEN },
  });
  expect(run.code).toBe(1);
  terminal = run.stdout;
}, 60_000);

afterAll(async () => {
  await broken?.close();
  await fixed?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aferir replay', () => {
  const id = 'response-schema@accountsGetAccounts';

  it("the run's terminal summary names each failure by id with its curl command, the token as a placeholder", () => {
    expect(terminal).toMatch(
      /✗ response-schema@accountsGetAccounts: .*\n(.*\n)*? {6}curl -i "http:\/\/127\.0\.0\.1:\d+\/open-banking\/accounts\/v2\/accounts.*Bearer \$\{AFERIR_TOKEN\}/,
    );
    expect(terminal).not.toContain(TOKEN);
  });

  it('re-sends the exchange and fails again while the target is broken', async () => {
    const out = await runCli(['replay', path.join(dir, 'results.json'), '--only', id, '--now', NOW], { env: { AFERIR_TOKEN: TOKEN } });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`replaying ${id}`);
    expect(out.stdout).toMatch(/re-sent: GET http:\/\/127\.0\.0\.1:\d+\/open-banking\/accounts\/v2\/accounts\S* → 200/);
    expect(out.stdout).toContain('Bearer ${AFERIR_TOKEN}');
    expect(out.stdout).toMatch(/now: FAIL .*compeCode/);
    expect(out.stdout).not.toContain(TOKEN);
  });

  it('passes (exit 0) against the fixed target given with --target', async () => {
    const out = await runCli(['replay', dir, '--only', id, '--target', `${fixed.url}`, '--now', NOW], { env: { AFERIR_TOKEN: TOKEN } });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('now: PASS');
  });

  it('uses the token of this invocation: without one the fixed target answers 401 and the replay fails', async () => {
    const out = await runCli(['replay', dir, '--only', 'valid-request@accountsGetAccounts', '--target', fixed.url, '--now', NOW]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/→ 401/);
  });

  it('an id the file does not hold is exit 2 naming it', async () => {
    const out = await runCli(['replay', dir, '--only', 'no-such-check@nowhere']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('has no result no-such-check@nowhere');
  });
});
