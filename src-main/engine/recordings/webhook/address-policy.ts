import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a recording-done webhook may be posted to (spec section 3: never to loopback or
 * private addresses unless allowed). Checked on IP literals in the URL and on every address a host
 * name resolves to, at the moment of connecting: a DNS-only filter is bypassed by literals, and a
 * check made earlier than the connection is bypassed by a name that re-resolves (DNS rebinding).
 */
type Rule = [network: string, prefix: number, kind: string];

const RULES: readonly Rule[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved (documentation)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['198.51.100.0', 24, 'reserved (documentation)'],
  ['203.0.113.0', 24, 'reserved (documentation)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'reserved (IPv4-compatible)'],
  ['100::', 64, 'reserved (discard)'],
  ['2001::', 32, 'reserved (Teredo)'],
  ['2001:db8::', 32, 'reserved (documentation)'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private (site-local)'],
  ['ff00::', 8, 'multicast'],
];

const LISTS = RULES.map(([network, prefix, kind]) => {
  const list = new BlockList();
  const family = network.includes(':') ? 'ipv6' : 'ipv4';
  list.addSubnet(network, prefix, family);
  return { list, family, kind } as const;
});

/** The 16 bytes of an IPv6 address (which `isIP` has accepted). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text =
      text.slice(0, -dotted[1].length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/**
 * IPv6 forms that carry an IPv4 address a gateway will connect to: IPv4-mapped (`::ffff:a.b.c.d`,
 * which BlockList already matches against IPv4 rules), NAT64 (`64:ff9b::/96`) and 6to4
 * (`2002::/16`). Their embedded address is judged like the literal.
 */
function embeddedIpv4(address: string): string | undefined {
  const bytes = ipv6Bytes(address.toLowerCase());
  const at = (from: number) => bytes.slice(from, from + 4).join('.');
  const prefix = bytes
    .slice(0, 12)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  if (prefix === '0064ff9b0000000000000000') return at(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return at(2);
  return undefined;
}

/** Why an address may not be posted to (`loopback`, `private`...), or null when it is public. */
export function refusedAddressKind(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const rule of LISTS) {
    if (rule.list.check(bare, type)) return rule.kind;
  }
  if (family === 6) {
    const embedded = embeddedIpv4(bare);
    if (embedded !== undefined) return refusedAddressKind(embedded);
  }
  return null;
}

/** The URL's host when it is an IP literal (brackets removed), else undefined. */
export function literalAddressOf(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? undefined : host;
}
