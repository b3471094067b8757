/**
 * The `--auth` file: defaults filled in, `auth:` inside --config (a path or
 * inline), and each mistake one sentence naming the field, exit 2, before
 * anything is sent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseAuth } from '../run/auth-file.ts';
import { makeReceiver, type Receiver } from './auth-harness.ts';
import { runCli } from './run-cli.ts';

let dir: string;
let receiver: Receiver;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'aferir-auth-file-'));
  receiver = await makeReceiver();
  writeFileSync(path.join(dir, 'key.pem'), receiver.pem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = () => ({
  issuer: 'https://auth.bank.example',
  'client-id': 'receiver',
  'private-key': 'key.pem',
  'redirect-uri': 'https://receiver.example/cb',
  consent: { cpf: '529.982.247-25', permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'] },
});

describe('the auth file', () => {
  it('fills in the defaults and reads the key file relative to the auth file', async () => {
    const { options, files } = await parseAuth(valid(), '--auth file a.yaml', dir);
    expect(options.privateKey).toBe(receiver.pem);
    expect(options.consent).toEqual({ cpf: '52998224725', permissions: ['ACCOUNTS_READ', 'RESOURCES_READ'], expiresInDays: 90 });
    expect(options.approval).toEqual({ mode: 'auto', steps: [], timeoutMs: 60_000 });
    expect(options.insecure).toBe(false);
    expect(options.mtls).toEqual({});
    expect(files).toEqual({});
  });

  it('takes camelCase keys, an approval given as its mode, and browser steps', async () => {
    const { options } = await parseAuth(
      {
        ...valid(),
        clientId: 'camel',
        approval: { mode: 'browser', steps: [{ fill: '#cpf', value: 52998224725 }, { click: '#ok' }, { wait: '#done' }, { wait: 250 }] },
      },
      'x',
      dir,
    );
    expect(options.clientId).toBe('camel');
    expect(options.approval.steps).toEqual([{ fill: '#cpf', value: '52998224725' }, { click: '#ok' }, { wait: '#done' }, { waitMs: 250 }]);
    expect((await parseAuth({ ...valid(), approval: 'auto' }, 'x', dir)).options.approval.mode).toBe('auto');
  });

  it.each<[string, (doc: Record<string, unknown>) => void, RegExp]>([
    ['no issuer', (d) => delete d.issuer, /^--auth file a\.yaml: issuer is required: the issuer URL/],
    ['an issuer that is not a URL', (d) => (d.issuer = 'auth.bank'), /: issuer must be an http\(s\) URL/],
    ['no client-id', (d) => delete d['client-id'], /: client-id is required/],
    ['no private key', (d) => delete d['private-key'], /: private-key is required/],
    [
      'a key file that is not there',
      (d) => (d['private-key'] = 'missing.pem'),
      /: private-key names missing\.pem, which cannot be read \(ENOENT\)/,
    ],
    ['an unknown option', (d) => (d.secret = 'x'), /: secret is not an option; the options are: issuer, /],
    ['no consent', (d) => delete d.consent, /: consent is required/],
    [
      'a short CPF',
      (d) => (d.consent = { cpf: '123', permissions: ['ACCOUNTS_READ'] }),
      /: consent\.cpf must be the logged user's CPF, 11 digits\.$/,
    ],
    [
      'no permissions',
      (d) => (d.consent = { cpf: '52998224725', permissions: [] }),
      /: consent\.permissions must be a list of permission names/,
    ],
    [
      'a negative expiry',
      (d) => (d.consent = { cpf: '52998224725', permissions: ['ACCOUNTS_READ'], 'expires-in-days': -1 }),
      /: consent\.expires-in-days must be a positive number/,
    ],
    ['an unknown approval mode', (d) => (d.approval = { mode: 'magic' }), /: approval\.mode must be auto, browser or manual; got 'magic'/],
    ['browser without steps', (d) => (d.approval = { mode: 'browser' }), /: approval\.steps are required for approval browser/],
    [
      'a step of no kind',
      (d) => (d.approval = { mode: 'browser', steps: [{ press: 'x' }] }),
      /: approval\.steps\[0\] must be \{fill: selector/,
    ],
    ['manual with a non-loopback redirect URI', (d) => (d.approval = 'manual'), /: redirect-uri must be a loopback address/],
    ['mtls.cert without mtls.key', (d) => (d.mtls = { cert: 'key.pem' }), /: mtls\.key is missing: mutual TLS needs both/],
  ])('%s: one sentence naming the field', async (_name, change, message) => {
    const document: Record<string, unknown> = valid();
    change(document);
    const error = await parseAuth(document, '--auth file a.yaml', dir).then(
      () => undefined,
      (failure: Error & { exitCode?: number }) => failure,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message.trim().split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(1);
    expect(error?.exitCode).toBe(2);
  });
});

describe('aferir run --auth', () => {
  it('a bad auth file exits 2 with the sentence and no stack trace', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, stringify({ ...valid(), consent: { cpf: '1', permissions: ['ACCOUNTS_READ'] } }));
    const run = await runCli(['run', '--spec', 'ofb-accounts-2.4.1', '--target', 'http://127.0.0.1:9/x', '--auth', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/consent\.cpf must be the logged user's CPF/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('auth: inside --config, inline, is read like the file (paths relative to the config file)', async () => {
    const config = path.join(dir, 'run.yaml');
    writeFileSync(
      config,
      stringify({ spec: 'ofb-accounts-2.4.1', target: 'http://127.0.0.1:9/x', auth: { ...valid(), approval: { mode: 'sideways' } } }),
    );
    const run = await runCli(['run', '--config', config], { cwd: os.tmpdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--config file \S+ auth: approval\.mode must be auto, browser or manual; got 'sideways'/);
  });

  it('--auth with --token is refused: one token source', async () => {
    writeFileSync(path.join(dir, 'ok.yaml'), stringify(valid()));
    const run = await runCli(
      ['run', '--spec', 'ofb-accounts-2.4.1', '--target', 'http://127.0.0.1:9/x', '--auth', 'ok.yaml', '--token', 'abcdef'],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--auth and --token both give the run its token/);
  });

  it('--only takes a consents suite check id', async () => {
    const run = await runCli(['run', '--spec', 'ofb-accounts-2.4.1', '--target', 'http://127.0.0.1:9/x', '--only', 'consent-no-such']);
    expect(run.stderr).toMatch(/Unknown check id 'consent-no-such'.*consent-create/);
  });
});
