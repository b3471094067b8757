/**
 * What went wrong when no response arrived, in words a user can act on, and
 * whether it means the target cannot be reached at all (exit 3) or that it
 * misbehaved once it was reached (a finding).
 */

import { isJsonRecord } from '../../specs/json-schema.ts';

type FailureKind = 'dns' | 'refused' | 'tls' | 'connect-timeout' | 'timeout' | 'reset' | 'protocol' | 'other';

export interface NetworkFailure {
  kind: FailureKind;
  /** One sentence, without secrets: the cause's code and message. */
  message: string;
  /** True for failures that mean nothing answered: DNS, refused, TLS handshake, connect timeout. */
  unreachable: boolean;
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Classifies an error thrown by undici (or its cause chain). */
export function describeNetworkFailure(error: unknown, timeoutMs: number): NetworkFailure {
  const codes = codesOf(error);
  const message = firstMessage(error);
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code));
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) {
    return { kind: 'dns', message: `the host name does not resolve (${codes.find((c) => c.startsWith('E'))})`, unreachable: true };
  }
  if (has('ECONNREFUSED'))
    return { kind: 'refused', message: 'connection refused (ECONNREFUSED): nothing listens on that port', unreachable: true };
  if (has('EHOSTUNREACH', 'ENETUNREACH'))
    return { kind: 'refused', message: `the host is not reachable (${codes.join(', ')})`, unreachable: true };
  const tlsCode = codes.find((code) => TLS_CODES.test(code));
  if (tlsCode) return { kind: 'tls', message: `the TLS handshake failed (${tlsCode}: ${message})`, unreachable: true };
  if (has('UND_ERR_CONNECT_TIMEOUT'))
    return { kind: 'connect-timeout', message: `no connection within ${timeoutMs} ms`, unreachable: true };
  if (has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'ETIMEDOUT') || isAbort(error)) {
    return { kind: 'timeout', message: `no complete response within --timeout ${timeoutMs} ms`, unreachable: false };
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED')) {
    return {
      kind: 'reset',
      message: `the connection was closed before a complete response arrived (${codes.find((c) => c !== 'UND_ERR_SOCKET') ?? 'socket closed'})`,
      unreachable: false,
    };
  }
  if (codes.some((code) => code.startsWith('HPE_') || code === 'UND_ERR_INFO' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return { kind: 'protocol', message: `the response is not valid HTTP (${codes.join(', ')}: ${message})`, unreachable: false };
  }
  return { kind: 'other', message: `the request failed (${codes.join(', ') || 'no code'}: ${message})`, unreachable: false };
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; isJsonRecord(current) && depth < 6; depth++) {
    if (typeof current.code === 'string') codes.push(current.code);
    if (Array.isArray(current.errors)) for (const inner of current.errors) if (typeof inner?.code === 'string') codes.push(inner.code);
    current = current.cause;
  }
  return [...new Set(codes)];
}

function firstMessage(error: unknown): string {
  let current: unknown = error;
  let message = '';
  for (let depth = 0; isJsonRecord(current) && depth < 6; depth++) {
    if (typeof current.message === 'string' && current.message) message = current.message;
    current = current.cause;
  }
  return message.replace(/\s+/g, ' ').slice(0, 200) || String(error);
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
