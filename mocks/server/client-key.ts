/**
 * Which "client" a connection belongs to, for the per-client share of the
 * connection cap: its IPv4 address, or the /64 prefix of its IPv6 address
 * (one host or home network usually holds a whole /64, so counting single
 * IPv6 addresses would let one machine look like millions of clients).
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!; // the pattern's one group always takes part
  if (!address.includes(':')) return address;
  const bare = address.split('%')[0]!; // drop a zone id such as %eth0 (split returns at least one part)
  const [head, tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
