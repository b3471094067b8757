/**
 * signed-claims-refused against `aferir mock` and a target that ignores claims. The mock runs as `aferir run --auth`
 * meets it: its authorization server issues the consent-bound token (mTLS), the run signs with the client's
 * registered key, and the mock refuses another server's aud, a stale iat and a reused jti with 403. The signed
 * fixture verifies the signature but accepts any claims, and fails the check on each; without the client's key,
 * and where the spec documents no 403, the check is skipped with the reason.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/server/start.ts';
import {
  accountsConsentToken,
  closeAgents,
  configure,
  makeClient,
  pem,
  type TestClient,
} from '../../mocks/authorization/test/fapi-harness.ts';
import { decodeCompactJws, type PublicJwk } from '../../specs/jws.ts';
import { loadSpec } from '../../specs/load.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { RequestSigningOptions } from '../http/request-signer.ts';
import type { RunResults } from '../result-model.ts';
import { startSignedServer } from './fixtures/signed-fixture.ts';
import { describeFailures, failedPairs, runQuietly } from './helpers.ts';

const SPEC = path.join(import.meta.dirname, 'fixtures', 'signed-spec.yaml');
const TLS = path.join(import.meta.dirname, '..', '..', 'mocks', 'authorization', 'test', 'fixtures', 'tls');
const ONLY = ['valid-request', 'signed-claims-refused'];
const CHECK = 'signed-claims-refused@createOrder';

let spec: LoadedSpec;
let mock: RunningMock;
let receiver: TestClient;
let accessToken: string;
let requestSigning: RequestSigningOptions;
const servers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  spec = await loadSpec(SPEC);
  receiver = await makeClient('receiver-claims');
  requestSigning = {
    privateKey: JSON.stringify(await exportJWK(receiver.privateKey)),
    keyId: String(receiver.publicJwk.kid),
    clientId: receiver.clientId,
  };
  mock = await startMock({
    port: 0,
    loaded: [spec],
    quiet: true,
    authorization: { consent: 'auto', clients: [receiver.metadata] },
    tls: { cert: pem('server.crt'), key: pem('server.key'), clientCa: pem('ca.crt') },
  });
  const config = await configure(`${mock.url}/auth`, receiver);
  accessToken = await accountsConsentToken(mock, config, receiver);
}, 30_000);

afterAll(async () => {
  await closeAgents();
  await mock?.close();
  await Promise.all(servers.map((server) => server.close()));
});

function tlsFile(name: string): string {
  return path.join(TLS, name);
}

/**
 * The suite against the mock with the token bound to client-a's certificate, which the run presents; every check,
 * with the mock's JWKS for jws-signature, unless `only` names some.
 */
function runAgainstMock(signing: RequestSigningOptions | undefined, only: string[] = []): Promise<RunResults> {
  return runQuietly({
    suites: [{ spec, target: `${mock.url}/open-banking/signed/v1` }],
    only,
    token: accessToken,
    certFile: tlsFile('client-a.crt'),
    keyFile: tlsFile('client-a.key'),
    caFile: tlsFile('ca.crt'),
    targetJwks: `${mock.url}/_aferir/jwks`,
    ...(signing ? { requestSigning: signing } : {}),
  });
}

describe('signed-claims-refused', () => {
  it('passes against the mock, which refuses each bad claim with 403 INVALID_CLIENT, and its requests fail no other check', async () => {
    const run = await runAgainstMock(requestSigning);
    expect(failedPairs(run), describeFailures(run)).toEqual([]);
    expect(run.results.filter((r) => r.check === 'jws-signature').map((r) => r.status)).toContain('passed');
    const result = run.results.find((r) => r.id === CHECK);
    expect(result?.status).toBe('passed');
    expect(result?.message).toBe('a signed body with aud of another server, with an iat an hour old and with a reused jti answered 403');
  }, 30_000);

  it('fails a target that verifies the signature but ignores the claims, naming each claim and what came back', async () => {
    const server = await startSignedServer(undefined, [receiver.publicJwk as PublicJwk]);
    servers.push(server);
    const run = await runQuietly({ suites: [{ spec, target: `${server.url}/open-banking/signed/v1` }], only: ONLY, requestSigning });
    expect(failedPairs(run)).toEqual(['signed-claims-refused @ createOrder']);
    const findings = run.results.find((r) => r.id === CHECK)?.findings ?? [];
    expect(findings.map((f) => f.message)).toEqual([
      'the signed body with aud of another server (https://another-transmitter.invalid): expected 403, got 201',
      'the signed body with an iat an hour old: expected 403, got 201',
      expect.stringMatching(/^the signed body with the jti of the request just sent \([0-9a-f-]{36}\): expected 403, got 201$/),
    ]);
  });

  it("is skipped with the reason when the run does not sign with the client's key", async () => {
    const run = await runAgainstMock(undefined, ONLY);
    const result = run.results.find((r) => r.id === CHECK);
    expect(result?.status).toBe('skipped');
    expect(result?.message).toMatch(/^skipped: the target cannot verify this run's signed bodies \(no --auth gave the client's key\)/);
  });

  it('is skipped with the reason where the spec documents no 403', async () => {
    const server = await startSignedServer(undefined, [receiver.publicJwk as PublicJwk]);
    servers.push(server);
    const without403 = {
      ...spec,
      operations: spec.operations.map((op) => ({ ...op, responses: op.responses.filter((r) => r.status !== '403') })),
    };
    const run = await runQuietly({
      suites: [{ spec: without403, target: `${server.url}/open-banking/signed/v1` }],
      only: ONLY,
      requestSigning,
    });
    expect(run.results.find((r) => r.id === CHECK)?.message).toBe('skipped: the spec documents no 403 response for createOrder');
  });
});

describe('the iat of the signed bodies a run sends', () => {
  /** The iat of the body a run's valid POST carries, read by a server that keeps what it received. */
  async function iatOf(now: Date | undefined): Promise<number> {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('latin1'));
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    await runQuietly({
      suites: [{ spec, target: `http://127.0.0.1:${port}/open-banking/signed/v1` }],
      only: ['valid-request'],
      requestSigning,
      ...(now ? { now } : {}),
    });
    const jws = decodeCompactJws(received.find((body) => body !== '') ?? '');
    if ('problem' in jws) throw new Error(jws.problem);
    return (jws.payload as { iat: number }).iat;
  }

  it('is the pinned time of a pinned run', async () => {
    expect(await iatOf(new Date('2026-05-10T12:00:00Z'))).toBe(Date.parse('2026-05-10T12:00:00Z') / 1000);
  });

  it('is the wall clock when the request is signed, not the start of a run that is not pinned', async () => {
    // Date.now an hour ahead of the run's start (`new Date()`, not mocked): a signer frozen at that start sends the real time.
    const real = Date.now.bind(Date);
    const ahead = vi.spyOn(Date, 'now').mockImplementation(() => real() + 3_600_000);
    try {
      const iat = await iatOf(undefined);
      expect(iat).toBeGreaterThanOrEqual(Math.floor(real() / 1000) + 3_600 - 60);
    } finally {
      ahead.mockRestore();
    }
  });
});
