/**
 * The public base of the mock as the client sees it, for absolute links:
 * `X-Forwarded-Proto`/`X-Forwarded-Host` when a proxy sets them, else the
 * connection's own scheme (https when the mock serves TLS) and the Host
 * header, else the address the mock listens on. A Host that could not be part
 * of a URL is ignored rather than echoed into links.
 */
import type { IncomingMessage } from 'node:http';
import type { MountedApi } from './mount.ts';

const HOST = /^[A-Za-z0-9.\-_]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

export function originOf(req: IncomingMessage, api: MountedApi | undefined, listening: string): string {
  const forwardedProto = first(req.headers['x-forwarded-proto']);
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = api?.linkScheme ?? ((forwardedProto ?? (encrypted ? 'https' : 'http')) === 'https' ? 'https' : 'http');
  const candidate = first(req.headers['x-forwarded-host']) ?? req.headers.host;
  const host = candidate !== undefined && HOST.test(candidate) ? candidate : listening;
  return `${scheme}://${host}`;
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]!.trim() || undefined; // split returns at least one part
}

/** The request target made safe for a `format: url` link: characters outside URLs are percent-encoded. */
export function safeTarget(target: string): string {
  return /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(target)
    ? target
    : target.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
}
