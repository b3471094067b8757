/**
 * Mutual TLS as the authorization server sees it (RFC 8705): the client
 * certificate of the connection, whether it chains to `--client-ca`, and
 * whether it matches a client's registered subject or SAN. The mock
 * terminates TLS itself; behind a proxy that terminates it, there is no
 * certificate and mTLS features answer as for a client that sent none.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The client certificate of the request's connection, or undefined (plain HTTP, or none sent). */
export function peerCertificate(req: IncomingMessage): X509Certificate | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerX509Certificate !== 'function') return undefined;
  return socket.getPeerX509Certificate() ?? undefined;
}

/** True when the connection's certificate chains to a CA in `--client-ca` (Node verified it during the handshake). */
export function certificateAuthorized(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).authorized === true;
}

/** `x5t#S256` of a certificate: base64url SHA-256 of its DER bytes (the `cnf` of bound tokens). */
export function thumbprintS256(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.raw).digest('base64url');
}

/**
 * Whether the certificate matches the registered `tls_client_auth_*` value: the subject DN
 * (attribute order and case of names ignored, RFC 4514 or OpenSSL's form) or one SAN entry.
 */
export function certificateSubjectMatches(certificate: X509Certificate | undefined, property: string, expected: string): boolean {
  if (!certificate) return false;
  switch (property) {
    case 'tls_client_auth_subject_dn':
      return sameDn(certificate.subject, expected);
    case 'tls_client_auth_san_dns':
      return sanEntries(certificate).includes(`DNS:${expected}`);
    case 'tls_client_auth_san_uri':
      return sanEntries(certificate).includes(`URI:${expected}`);
    case 'tls_client_auth_san_ip':
      return sanEntries(certificate).includes(`IP Address:${expected}`);
    case 'tls_client_auth_san_email':
      return sanEntries(certificate).includes(`email:${expected}`);
    default:
      return false;
  }
}

function sanEntries(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '').split(/,\s*/).filter(Boolean);
}

/** `CN=a,O=b` (RFC 4514), `O=b\nCN=a` (node) and `/O=b/CN=a` (OpenSSL) compare equal. */
function sameDn(actual: string, expected: string): boolean {
  const a = dnParts(actual);
  const b = dnParts(expected);
  return a.length > 0 && a.length === b.length && a.every((part, i) => part === b[i]);
}

function dnParts(dn: string): string[] {
  return dn
    .split(/\n|(?<!\\),|^\/|(?<!\\)\/(?=[A-Za-z.0-9]+=)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return `${part.slice(0, eq).trim().toUpperCase()}=${part.slice(eq + 1).trim()}`;
    })
    .sort();
}
