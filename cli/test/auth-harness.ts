/**
 * What the `--auth` tests share: a receiver client (a PS256 key written as a
 * PEM file, its public JWK registered with the mock), an auth file in a
 * temporary folder, and `aferir run --auth` against an institution.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { stringify } from 'yaml';
import type { RunResults } from '../../suites/result-model.ts';
import { runCli, type CliRun } from './run-cli.ts';

export const REDIRECT_URI = 'https://receiver.example/callback';
export const CPF = '52998224725';
export const CONSENTS_SPEC = path.resolve(import.meta.dirname, '../../../shared/reference-specs/ecosystem/ofb/consents-3.3.1.yml');
export const HAVE_CONSENTS_SPEC = existsSync(CONSENTS_SPEC);

export interface Receiver {
  clientId: string;
  pem: string;
  metadata: ClientMetadata;
}

export async function makeReceiver(clientId = 'receiver-auth'): Promise<Receiver> {
  const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true });
  const kid = `${clientId}-key`;
  const jwk = { ...(await exportJWK(publicKey)), alg: 'PS256', use: 'sig', kid };
  return {
    clientId,
    pem: await exportPKCS8(privateKey),
    metadata: { client_id: clientId, jwks: { keys: [jwk] }, redirect_uris: [REDIRECT_URI] },
  };
}

export interface AuthDir {
  dir: string;
  /** Writes auth.yaml (with the key as key.pem beside it) and returns its path. */
  write(document: Record<string, unknown>): string;
  results(): RunResults;
  remove(): void;
}

export function authDir(receiver: Receiver): AuthDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aferir-auth-'));
  writeFileSync(path.join(dir, 'key.pem'), receiver.pem);
  return {
    dir,
    write(document) {
      const file = path.join(dir, 'auth.yaml');
      writeFileSync(
        file,
        stringify({ 'client-id': receiver.clientId, 'private-key': 'key.pem', 'redirect-uri': REDIRECT_URI, ...document }),
      );
      return file;
    },
    results: () => JSON.parse(readFileSync(path.join(dir, 'report', 'results.json'), 'utf8')) as RunResults,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function consentOf(permissions: string[]) {
  return { cpf: CPF, permissions };
}

/** `aferir run --auth` with the report in the auth folder (JSON only). */
export function runAuth(dir: AuthDir, file: string, spec: string, target: string, extra: string[] = []): Promise<CliRun> {
  return runCli([
    'run',
    '--spec',
    spec,
    '--target',
    target,
    '--auth',
    file,
    '--report-dir',
    path.join(dir.dir, 'report'),
    '--format',
    'json',
    ...extra,
  ]);
}
