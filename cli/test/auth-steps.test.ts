/**
 * `aferir run --auth`: each approval mode completes the journey (auto, manual
 * through the loopback listener, browser through the mock's real consent
 * page in Chromium), and each failing step is one sentence naming it with
 * the contract's exit code.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS_BASE, CONSENTS_PATH, startConsentsInstitution, type ConsentsInstitution } from '../../fixtures/consents-institution.ts';
import { main } from '../main.ts';
import { authDir, consentOf, CPF, makeReceiver, runAuth, type AuthDir, type Receiver } from './auth-harness.ts';

const CHROMIUM = process.env.AFERIR_BROWSER ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let receiver: Receiver;
let institution: ConsentsInstitution;
let pageInstitution: ConsentsInstitution;
let dir: AuthDir;
let loopbackRedirect: string;

beforeAll(async () => {
  loopbackRedirect = `http://127.0.0.1:${await freePort()}/callback`;
  receiver = await makeReceiver();
  const metadata = { ...receiver.metadata, redirect_uris: [...(receiver.metadata.redirect_uris ?? []), loopbackRedirect] };
  institution = await startConsentsInstitution([metadata]);
  pageInstitution = await startConsentsInstitution([metadata], undefined, 'page');
  dir = authDir(receiver);
});

afterAll(async () => {
  await institution?.close();
  await pageInstitution?.close();
  dir?.remove();
});

const ONLY = ['--only', 'consent-create'];
const base = (inst: ConsentsInstitution) => ({
  issuer: inst.issuer,
  consent: consentOf(['ACCOUNTS_READ', 'RESOURCES_READ']),
  'consents-url': `${inst.url}${CONSENTS_PATH}`,
});
const target = (inst: ConsentsInstitution) => `${inst.url}${ACCOUNTS_BASE}`;

describe('approval modes', () => {
  it('manual: prints the authorize URL and takes the code from the redirect to its loopback listener', async () => {
    const file = dir.write({ ...base(institution), 'redirect-uri': loopbackRedirect, approval: { mode: 'manual', timeout: 20_000 } });
    const stderr = new PassThrough();
    let said = '';
    const printed = new Promise<string>((resolve) =>
      stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString('utf8');
        const url = /^(http\S+\/authorize\?\S+)$/m.exec(said)?.[1];
        if (url) resolve(url);
      }),
    );
    const argv = ['run', '--spec', 'ofb-accounts-2.4.1', '--target', target(institution), '--auth', file];
    const running = main([...argv, '--report-dir', path.join(dir.dir, 'report'), '--format', 'json', ...ONLY], {
      stdout: new PassThrough(),
      stderr,
      env: {},
      cwd: process.cwd(),
    });
    // Play the customer: open the printed URL (the mock approves at once) and follow it back to aferir's listener.
    const url = await printed;
    const answer = await fetch(url, { redirect: 'manual' });
    const location = answer.headers.get('location')!;
    expect(location.startsWith(loopbackRedirect)).toBe(true);
    const back = await fetch(location);
    expect(await back.text()).toMatch(/you can close this tab/);
    expect(await running, said).toBe(0);
    expect(said).toContain('Open this URL in a browser');
  }, 40_000);

  it.skipIf(!existsSync(CHROMIUM))(
    'browser: runs the steps on the consent page in Chromium and gets the code',
    async () => {
      const file = dir.write({
        ...base(pageInstitution),
        approval: {
          mode: 'browser',
          browser: CHROMIUM,
          steps: [
            { fill: '#cpf', value: CPF },
            { click: '#login' },
            { wait: '#approve' },
            { click: 'input[name=resource]' },
            { click: '#approve' },
          ],
        },
      });
      const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', target(pageInstitution), ONLY);
      expect(run.code, run.stderr).toBe(0);
      expect(dir.results().results.map((r) => `${r.check}:${r.status}`)).toEqual(['consent-create:passed']);
    },
    60_000,
  );

  it.skipIf(!existsSync(CHROMIUM))(
    'browser: a step that cannot run is the approval step failing, naming the step (exit 1)',
    async () => {
      const file = dir.write({
        ...base(pageInstitution),
        approval: {
          mode: 'browser',
          browser: CHROMIUM,
          timeout: 3000,
          steps: [{ fill: '#cpf', value: CPF }, { click: '#no-such-button' }],
        },
      });
      const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', target(pageInstitution), ONLY);
      expect(run.stderr).toMatch(/Authorization step 'approval' failed: browser step 2 \(click #no-such-button\) failed/);
      expect(run.code).toBe(1);
    },
    60_000,
  );
});

describe('a failing step is one sentence naming it', () => {
  it('an unreachable issuer: discovery, exit 3', async () => {
    const port = await freePort();
    const file = dir.write({ ...base(institution), issuer: `http://127.0.0.1:${port}/auth` });
    const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', target(institution), ONLY);
    expect(run.stderr.trim()).toMatch(/^aferir: Authorization step 'discovery' failed: connection refused[^\n]*\.$/);
    expect(run.code).toBe(3);
  });

  it('a client key the server does not know: client-credentials, invalid_client, exit 2', async () => {
    const stranger = await makeReceiver('receiver-auth');
    const strangerDir = authDir(stranger);
    try {
      const run = await runAuth(strangerDir, strangerDir.write(base(institution)), 'ofb-accounts-2.4.1', target(institution), ONLY);
      expect(run.stderr).toMatch(/Authorization step 'client-credentials' failed: the server answered invalid_client/);
      expect(run.code).toBe(2);
    } finally {
      strangerDir.remove();
    }
  });

  it('a consents endpoint that is not one: consent-creation, exit 1', async () => {
    const file = dir.write({ ...base(institution), 'consents-url': `${institution.url}/open-banking/consents/v3/nothing-here` });
    const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', target(institution), ONLY);
    expect(run.stderr).toMatch(/Authorization step 'consent-creation' failed: POST \S+ answered 404/);
    expect(run.code).toBe(1);
  });

  it('a redirect URI the client did not register: pushed-authorization, exit 2', async () => {
    const file = dir.write({ ...base(institution), 'redirect-uri': 'https://elsewhere.example/cb' });
    const run = await runAuth(dir, file, 'ofb-accounts-2.4.1', target(institution), ONLY);
    expect(run.stderr).toMatch(
      /Authorization step 'pushed-authorization' failed: the server answered invalid_redirect_uri|invalid_request/,
    );
    expect(run.code).toBe(2);
  });

  it('a server that does not approve at once with approval auto: approval, exit 2', async () => {
    const run = await runAuth(dir, dir.write(base(pageInstitution)), 'ofb-accounts-2.4.1', target(pageInstitution), ONLY);
    expect(run.stderr).toMatch(
      /Authorization step 'approval' failed: the authorize endpoint answered 200 instead of redirecting|redirected 10 times/,
    );
    expect(run.code).toBe(2);
  });
});
