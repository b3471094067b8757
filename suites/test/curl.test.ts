/**
 * The curl command of a failure: no secret in it, and pasted into a shell
 * with the placeholders' variables set, it sends what the engine sent.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurlWriter } from '../http/curl.ts';

const TOKEN = 'tok-$(rm -rf)-"quoted"-1234';
const LIMITED = 'user:pa$$word';
const run = promisify(execFile);

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let origin = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function viaShell(command: string): Promise<Seen> {
  seen.length = 0;
  await run('bash', ['-c', `${command} -s -o /dev/null`], {
    env: { PATH: process.env.PATH, AFERIR_TOKEN: TOKEN, AFERIR_TOKEN_WITHOUT_PERMISSIONS: LIMITED, AFERIR_HEADER_X_PARTNER_KEY: 'pk-9876' },
  });
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

describe('createCurlWriter', () => {
  const curl = createCurlWriter({
    token: TOKEN,
    tokenWithoutPermissions: LIMITED,
    isCredentialHeader: (name) => name.toLowerCase() === 'x-partner-key',
  });

  it('writes a Bearer token as ${AFERIR_TOKEN} and re-sends the same request, body and all', async () => {
    const body = { data: { note: 'a "quoted" $HOME `tick` \\ back', n: 1 } };
    const command = curl({
      method: 'POST',
      url: `${origin}/accounts?page=2&q=a%20b`,
      headers: { accept: 'application/json', authorization: `Bearer ${TOKEN}`, 'x-partner-key': 'pk-9876' },
      body,
    });
    expect(command).not.toContain(TOKEN);
    expect(command).not.toContain('pk-9876');
    expect(command).toContain('Bearer ${AFERIR_TOKEN}');
    const got = await viaShell(command);
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/accounts?page=2&q=a%20b');
    expect(got.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(got.headers['x-partner-key']).toBe('pk-9876');
    expect(JSON.parse(got.body)).toEqual(body);
  });

  it('writes HTTP basic credentials made of a token as curl -u', async () => {
    const basic = Buffer.from(LIMITED).toString('base64');
    const command = curl({ method: 'GET', url: `${origin}/x`, headers: { authorization: `Basic ${basic}` } });
    expect(command).toContain('-u "${AFERIR_TOKEN_WITHOUT_PERMISSIONS}"');
    expect(command).not.toContain(basic);
    expect((await viaShell(command)).headers.authorization).toBe(`Basic ${basic}`);
  });

  it('replaces a token sent as a query parameter', async () => {
    const command = curl({ method: 'GET', url: `${origin}/x?api_key=${encodeURIComponent(TOKEN)}`, headers: {} });
    expect(command).not.toContain(encodeURIComponent(TOKEN));
    expect(command).toContain('api_key=${AFERIR_TOKEN}');
  });

  it('adds the mutual-TLS flags with placeholder paths', () => {
    const tls = createCurlWriter({ tls: { cert: true, key: true, ca: true } });
    expect(tls({ method: 'GET', url: 'https://bank.example/x', headers: {} })).toBe(
      'curl -i "https://bank.example/x" --cert "${AFERIR_CERT}" --key "${AFERIR_KEY}" --cacert "${AFERIR_CA}"',
    );
  });
});
