/**
 * The customer's approval: from the authorize URL to the URL the server sends
 * the browser back to (the redirect URI with the code or JARM response).
 *  - auto: the server approves at once (the mock's `--consent auto`); we follow
 *    its redirects, with its cookies, until one points at the redirect URI;
 *  - manual: we print the URL and wait on 127.0.0.1 at the redirect URI's port;
 *  - browser: Playwright runs the institution's page (browser-approval.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as client from 'openid-client';
import type { AuthOptions } from './auth-options.ts';
import { AuthStepError, authStepError } from './auth-errors.ts';

export interface ApprovalIo {
  /** Where the manual mode tells the user what to do. */
  say(line: string): void;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 10;

export async function approve(url: URL, options: AuthOptions, browserFetch: client.CustomFetch, io: ApprovalIo): Promise<URL> {
  const { mode } = options.approval;
  if (mode === 'manual') return manualApproval(url, options, io);
  if (mode === 'browser') {
    const { browserApproval } = await import('./browser-approval.ts');
    return browserApproval(url, options);
  }
  return autoApproval(url, options, browserFetch);
}

function isRedirectUri(location: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return location.origin === expected.origin && location.pathname === expected.pathname;
}

async function autoApproval(start: URL, options: AuthOptions, browserFetch: client.CustomFetch): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    let answer: Response;
    try {
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      answer = (await browserFetch(url.href, {
        method: 'GET',
        redirect: 'manual',
        headers: cookie ? { cookie } : {},
      } as unknown as client.CustomFetchOptions)) as Response;
    } catch (error) {
      throw authStepError('approval', error);
    }
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = answer.headers.get('location');
    await answer.body?.cancel();
    if (answer.status < 300 || answer.status > 399 || !location)
      throw new AuthStepError(
        'approval',
        `the authorize endpoint answered ${answer.status} instead of redirecting (approval auto needs a server that approves at once, like aferir mock --consent auto; use browser or manual)`,
        2,
      );
    const next = new URL(location, url);
    if (isRedirectUri(next, options.redirectUri)) return next;
    url = next;
  }
  throw new AuthStepError(
    'approval',
    `the authorize endpoint redirected ${MAX_REDIRECTS} times without reaching ${options.redirectUri}`,
    1,
  );
}

async function manualApproval(url: URL, options: AuthOptions, io: ApprovalIo): Promise<URL> {
  const redirect = new URL(options.redirectUri);
  let settle!: { resolve: (url: URL) => void; reject: (error: Error) => void };
  const arrived = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  const server = http.createServer((request, response) => {
    const got = new URL(request.url ?? '/', options.redirectUri);
    if (got.pathname !== redirect.pathname) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('aferir received the answer; you can close this tab.\n');
    settle.resolve(got);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new AuthStepError(
          'approval',
          `cannot listen on 127.0.0.1:${redirect.port || 80} for the redirect (${(error as NodeJS.ErrnoException).code})`,
          2,
        ),
      ),
    );
    server.listen(Number(redirect.port || 80), '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  io.say(`Open this URL in a browser, log in and approve the consent; aferir waits on 127.0.0.1:${port}${redirect.pathname}:`);
  io.say(url.href);
  const timer = setTimeout(
    () =>
      settle.reject(new AuthStepError('approval', `no redirect reached ${options.redirectUri} within ${options.approval.timeoutMs} ms`, 2)),
    options.approval.timeoutMs,
  );
  const onAbort = () => settle.reject(new AuthStepError('approval', 'interrupted while waiting for the customer', 2));
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await arrived;
  } finally {
    clearTimeout(timer);
    io.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
