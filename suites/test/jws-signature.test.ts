/**
 * Signed bodies (application/jwt) from the suite's side: against a fixture transmitter that signs like the payments
 * family, the suite signs its POST body, takes the created orderId from the 201 payload for the detail route, reads
 * the payloads, and jws-signature verifies them against --target-jwks (URL or file). A body signed by a key the
 * JWKS does not hold, or one without jti and iat, fails it with exactly those findings; no JWKS, a skip with a reason.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/load.ts';
import type { RunResults } from '../result-model.ts';
import { startSignedServer, type SignedDefect } from './fixtures/signed-fixture.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const SPEC = path.join(import.meta.dirname, 'fixtures', 'signed-spec.yaml');
const servers: Array<{ close(): Promise<void> }> = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function runAgainst(defect: SignedDefect | undefined, jwks: 'url' | 'file' | 'none'): Promise<RunResults> {
  const server = await startSignedServer(defect);
  servers.push(server);
  let targetJwks: string | undefined;
  if (jwks === 'url') targetJwks = `${server.url}/jwks`;
  if (jwks === 'file') {
    const folder = mkdtempSync(path.join(tmpdir(), 'aferir-jwks-'));
    folders.push(folder);
    targetJwks = path.join(folder, 'jwks.json');
    writeFileSync(targetJwks, JSON.stringify(server.jwks));
  }
  return runQuietly({
    suites: [{ spec: await loadSpec(SPEC), target: `${server.url}/open-banking/signed/v1` }],
    only: ['valid-request', 'response-schema', 'jws-signature'],
    ...(targetJwks ? { targetJwks } : {}),
  });
}

function findingsOf(run: RunResults, check: string): string[] {
  const failed = run.results.filter((r) => r.check === check && r.status === 'failed');
  return [...new Set(failed.flatMap((r) => (r.findings ?? []).map((f) => `${r.operation}: ${f.path} ${f.rule}`)))].sort();
}

describe('signed bodies (jws-signature)', () => {
  it('a transmitter that signs with its published key passes, the detail reached through the id its POST created', async () => {
    const run = await runAgainst(undefined, 'url');
    expect(failedPairs(run), describeFailures(run)).toEqual([]);
    const passed = run.results.filter((r) => r.status === 'passed').map((r) => `${r.check} @ ${r.operation}`);
    expect(passed).toEqual(
      expect.arrayContaining([
        'jws-signature @ createOrder',
        'jws-signature @ getOrder',
        'response-schema @ getOrder',
        'valid-request @ getOrder',
      ]),
    );
    const post = run.results.find((r) => r.check === 'valid-request' && r.operation === 'createOrder');
    expect(post?.request?.headers?.['content-type'], 'the POST body leaves signed').toBe('application/jwt');
    const detail = run.results.find((r) => r.id === 'valid-request@getOrder')?.request;
    expect(detail?.url).toMatch(/\/orders\/or-1$/);
    expect(detail?.headers?.accept, 'the signed body is asked for first').toBe('application/jwt, application/json;q=0.9');
  });

  it('reads the JWKS from a file too', async () => {
    const run = await runAgainst(undefined, 'file');
    expect(run.results.filter((r) => r.check === 'jws-signature').map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('a body signed by a key the JWKS does not hold fails on the signature only', async () => {
    const run = await runAgainst('foreign-key', 'url');
    expect(failedPairs(run)).toEqual(['jws-signature @ createOrder', 'jws-signature @ getOrder']);
    const failedPost = run.results.find((r) => r.id === 'jws-signature@createOrder');
    expect(failedPost?.curl, 'the curl command replays the JWS that was sent').toMatch(/--data-raw "[\w-]+\.[\w-]+\.[\w-]+"/);
    expect(findingsOf(run, 'jws-signature')).toEqual([
      'createOrder: signature PS256 signature by a key of --target-jwks',
      'getOrder: signature PS256 signature by a key of --target-jwks',
    ]);
  });

  it('a body without jti and iat fails on exactly those claims', async () => {
    const run = await runAgainst('missing-claims', 'url');
    expect(failedPairs(run)).toEqual(['jws-signature @ createOrder', 'jws-signature @ getOrder']);
    expect(findingsOf(run, 'jws-signature')).toEqual([
      'createOrder: $.iat NumericDate',
      'createOrder: $.jti string claim',
      'getOrder: $.iat NumericDate',
      'getOrder: $.jti string claim',
    ]);
  });

  it('without --target-jwks the check is skipped with the reason, and the payloads are still validated', async () => {
    const run = await runAgainst('foreign-key', 'none');
    expect(failedPairs(run)).toEqual([]);
    const skipped = run.results.filter((r) => r.check === 'jws-signature');
    expect(skipped.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(skipped[0]?.message).toMatch(/no --target-jwks was given/);
    expect(run.results.filter((r) => r.check === 'response-schema').map((r) => r.status)).toEqual(['passed', 'passed']);
  });
});

describe('a broken signature (invalid-request-rejected)', () => {
  const client = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientKeys = [{ ...client.publicKey.export({ format: 'jwk' }), kid: 'client-1', use: 'sig' }];
  const requestSigning = {
    privateKey: client.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    keyId: 'client-1',
    clientId: 'client-1',
  };

  async function rejection(defect: SignedDefect | undefined, signing: boolean): Promise<RunResults> {
    const server = await startSignedServer(defect, clientKeys);
    servers.push(server);
    return runQuietly({
      suites: [{ spec: await loadSpec(SPEC), target: `${server.url}/open-banking/signed/v1` }],
      only: ['invalid-request-rejected'],
      ...(signing ? { requestSigning } : {}),
    });
  }

  it('is sent when the run signs with the client key the target knows, and refused by a target that verifies', async () => {
    const run = await rejection(undefined, true);
    expect(failedPairs(run), describeFailures(run)).toEqual([]);
    expect(run.results.find((r) => r.id === 'invalid-request-rejected@createOrder')?.message).toContain('broken-signature:/');
  });

  it('fails a target that accepts it, on that variant only', async () => {
    const run = await rejection('accepts-bad-signature', true);
    expect(failedPairs(run)).toEqual(['invalid-request-rejected @ createOrder']);
    const findings = run.results.find((r) => r.id === 'invalid-request-rejected@createOrder')?.findings ?? [];
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('the signature of the signed body broken')]);
  });

  it('is not sent with a key generated for the run, which no target can verify', async () => {
    const run = await rejection('accepts-bad-signature', false);
    expect(failedPairs(run), describeFailures(run)).toEqual([]);
    expect(run.results.find((r) => r.id === 'invalid-request-rejected@createOrder')?.message).not.toContain('broken-signature');
  });
});
