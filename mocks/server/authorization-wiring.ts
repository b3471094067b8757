/**
 * The thin seam between the mock server and its authorization server
 * (mocks/authorization) and state store (mocks/state): options, the https
 * listener for `--tls-*`, and the route that sends `/auth/*` and the origin's
 * discovery document to the authorization server before any API routing.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UsageError } from '../../specs/errors.ts';
import type { AuthorizationServer } from '../authorization/index.ts';
import type { StateStore } from '../state/store.ts';
import type { MockTlsOptions } from './options.ts';
import type { MockRuntime } from './runtime.ts';

/** `--public-url`: an http(s) origin without path, query or fragment; a trailing slash is dropped. */
export function parsePublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(
      `--public-url '${text}' is not a URL; give the origin clients reach the mock by, such as https://mock.example:8443.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--public-url '${text}' must be an http:// or https:// URL.`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw new UsageError(`--public-url '${text}' must be an origin only (scheme, host and port), without path, query or credentials.`);
  return url.origin;
}

/** Reads `--tls-cert/--tls-key/--client-ca` (each bad one names its flag). */
export function readTlsFiles(files: { cert?: string; key?: string; clientCa?: string }): MockTlsOptions | undefined {
  if (files.cert === undefined && files.key === undefined && files.clientCa === undefined) return undefined;
  if (files.cert === undefined || files.key === undefined)
    throw new UsageError(
      `--tls-cert and --tls-key go together${files.clientCa === undefined ? '' : ' (and --client-ca needs both)'}; give both files.`,
    );
  const read = (flag: string, file: string) => {
    try {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('-----BEGIN ')) throw new Error('not a PEM file');
      return text;
    } catch (error) {
      throw new UsageError(
        `${flag} ${file} cannot be read as PEM (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
        {
          cause: error,
        },
      );
    }
  };
  return {
    cert: read('--tls-cert', files.cert),
    key: read('--tls-key', files.key),
    ...(files.clientCa === undefined ? {} : { clientCa: read('--client-ca', files.clientCa) }),
  };
}

/** Sends the authorization server's paths to it, once it is ready (it needs the listening URL for its issuer). */
export class AuthorizationRoute {
  server?: AuthorizationServer;
  store?: StateStore;

  handles(path: string): boolean {
    return this.server?.handles(path) ?? false;
  }

  handle(req: IncomingMessage, res: ServerResponse, runtime: MockRuntime): void {
    const started = performance.now();
    // Method and path only: the authorization endpoint's query and the forms carry codes and ids.
    const line = `${req.method} ${(req.url ?? '/').split('?')[0]!.slice(0, 200)}`;
    res.once('finish', () => runtime.request(`${line} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    this.server!.handle(req, res);
  }

  async close(): Promise<void> {
    await this.store?.close();
  }
}
