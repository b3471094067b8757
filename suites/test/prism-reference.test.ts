/**
 * What a generic mock gets wrong: `prism mock -d` of the official Open
 * Finance Accounts 2.4.1 file, checked by the suite. Prism validates shapes,
 * not the Open Finance rules, and its dynamic data ignores unknown formats and
 * lengths — this test documents the defects the suite finds in it:
 *  - links that are not URLs (format url; `self` is lorem ipsum);
 *  - meta.requestDateTime longer than 20 characters (a fraction of a second);
 *  - x-fapi-interaction-id not echoed (a random one instead);
 *  - and no Open Finance behaviour: 200 for unknown ids, no 403 for a token
 *    without permissions, 422 instead of 400 without an interaction id.
 * The official file is read from ../shared/reference-specs, so the test is
 * skipped in a clone without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../result-model.ts';
import { runQuietly } from './helpers.ts';

const OFFICIAL = fileURLToPath(new URL('../../../shared/reference-specs/ofb/accounts-2.4.1.yml', import.meta.url));
const PRISM = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));
const SKIP_REASON = !existsSync(OFFICIAL)
  ? ' [skipped: the official specs (../shared/reference-specs beside this clone) are absent]'
  : !existsSync(PRISM)
    ? ' [skipped: Prism is not installed (npm ci installs the @stoplight/prism-cli devDependency)]'
    : '';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startPrism(port: number): Promise<ChildProcess> {
  const child = spawn(PRISM, ['mock', '-d', '-h', '127.0.0.1', '-p', String(port), OFFICIAL], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('prism did not start within 60 s')), 60_000);
    const onData = (chunk: Buffer) => {
      if (/Prism is listening/.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited with ${code} before listening`)));
  });
}

describe.skipIf(SKIP_REASON !== '')(`prism mock -d of the official accounts 2.4.1 file${SKIP_REASON}`, () => {
  let prism: ChildProcess | undefined;
  let run: RunResults;

  beforeAll(async () => {
    const port = await freePort();
    prism = await startPrism(port);
    run = await runQuietly({
      suites: [{ spec: OFFICIAL, target: `http://127.0.0.1:${port}` }],
      token: 'any-token-1234',
      tokenWithoutPermissions: 'no-permission-1234',
      timeoutMs: 10_000,
    });
  }, 120_000);

  afterAll(() => {
    prism?.kill('SIGTERM');
  });

  const findings = (check: string, operation = 'accountsGetAccounts') =>
    run.results.filter((r) => r.check === check && r.operation === operation && r.status === 'failed').flatMap((r) => r.findings ?? []);

  it('reads the official file as an Open Finance spec', () => {
    expect(run.specs[0]).toMatchObject({ id: 'accounts-2.4.1', version: '2.4.1', basePath: '/open-banking/accounts/v2' });
    expect(run.verdict).toBe('fail');
  });

  it('links that are not URLs', () => {
    const self = findings('response-schema').find((f) => f.path === '$.links.self');
    expect(self?.rule).toBe('format url');
    expect(() => new URL(String(self?.actual))).toThrow();
    expect(findings('paging-links').some((f) => /not an absolute URL/.test(f.message))).toBe(true);
  });

  it('meta.requestDateTime longer than 20 characters', () => {
    const tooLong = findings('response-schema').find((f) => f.path === '$.meta.requestDateTime' && f.rule === 'maxLength 20');
    expect(String(tooLong?.actual).length).toBeGreaterThan(20);
    expect(findings('request-date-time').length).toBeGreaterThan(0);
  });

  it('the interaction id not echoed', () => {
    const [echo] = findings('interaction-id-echo');
    expect(echo).toBeDefined();
    expect(echo!.rule).toBe('echoed');
    expect(echo!.actual).not.toBe(echo!.expected);
  });

  it('none of the Open Finance behaviour: unknown ids, permissions, the missing interaction id', () => {
    const failed = new Set(run.results.filter((r) => r.status === 'failed').map((r) => `${r.check} @ ${r.operation}`));
    expect(failed.has('unknown-id @ accountsGetAccountsAccountId')).toBe(true);
    expect(failed.has('permission-required @ accountsGetAccounts')).toBe(true);
    expect(failed.has('interaction-id-required @ accountsGetAccounts')).toBe(true);
    expect(failed.has('transactions-current-old-window @ accountsGetAccountsAccountIdTransactionsCurrent')).toBe(true);
  });
});
