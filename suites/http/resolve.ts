/**
 * `--resolve host:port:address`, as curl's: a request to that host and port connects to that address
 * instead of asking DNS, while everything else still speaks to the host by name — the Host header,
 * TLS SNI and the certificate's verification. It lets a run reach a server that sits behind a
 * DNS name (a `--public-url`, a name its links must carry) at an address the name does not resolve to.
 */
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { UsageError } from '../../specs/errors.ts';

/** `host:port` (host lowercased, IPv6 without brackets) → the address to connect to. */
export type ResolveMap = ReadonlyMap<string, string>;

const ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):(\d{1,5}):(\[[0-9A-Fa-f:.]+\]|.+)$/;

export function parseResolve(entries: readonly string[] | undefined): ResolveMap {
  const map = new Map<string, string>();
  for (const entry of entries ?? []) {
    const match = ENTRY.exec(entry.trim());
    const [, host, port, rawAddress] = match ?? [];
    const address = rawAddress?.replace(/^\[|\]$/g, '');
    if (!host || !port || !address || Number(port) < 1 || Number(port) > 65535 || isIP(address) === 0)
      throw new UsageError(`--resolve '${entry}' is not host:port:address (an IP address, as in example.com:443:127.0.0.1).`);
    map.set(key(host, port), address);
  }
  return map;
}

function key(host: string, port: string | number): string {
  return `${host.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
}

/**
 * undici's own connector with the address swapped where the map names one; the original host name
 * stays the TLS server name, so SNI and certificate verification are by name.
 */
export function resolvingConnector(options: buildConnector.BuildOptions, resolve: ResolveMap): buildConnector.connector {
  const connect = buildConnector(options);
  return (opts, callback) => {
    const port = opts.port || (opts.protocol === 'https:' ? 443 : 80);
    const address = resolve.get(key(opts.hostname, port));
    if (address === undefined) return connect(opts, callback);
    const servername = opts.servername ?? (isIP(opts.hostname) === 0 ? opts.hostname : undefined);
    return connect({ ...opts, hostname: address, ...(servername ? { servername } : {}) }, callback);
  };
}
