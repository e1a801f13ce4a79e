// Which IP addresses a crawl may never reach on its own: loopback, private, link-local and
// the other non-public ranges, in IPv4 and IPv6 (IPv4-mapped and NAT64 forms judged as IPv4).
import { isIP } from 'node:net';

type V4Range = [base: number, bits: number];

const V4_REFUSED: V4Range[] = [
  [ip4('0.0.0.0'), 8], // "this network"
  [ip4('10.0.0.0'), 8],
  [ip4('100.64.0.0'), 10], // carrier-grade NAT
  [ip4('127.0.0.0'), 8],
  [ip4('169.254.0.0'), 16], // link-local, cloud metadata
  [ip4('172.16.0.0'), 12],
  [ip4('192.0.0.0'), 24],
  [ip4('192.168.0.0'), 16],
  [ip4('198.18.0.0'), 15], // benchmarking
  [ip4('224.0.0.0'), 4], // multicast
  [ip4('240.0.0.0'), 4], // reserved, broadcast
];

function ip4(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Refused(n: number): boolean {
  return V4_REFUSED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** The 8 16-bit groups of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function ip6Groups(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    if (isIP(dotted[1]!) !== 4) return null;
    const n = ip4(dotted[1]!);
    s = `${s.slice(0, -dotted[1]!.length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const known = head.length + rest.length;
  if (known > 8 || (halves.length === 1 && known !== 8)) return null;
  const groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest];
  return groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff) ? null : groups;
}

function v6Refused(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const v4 = g6 * 65536 + g7;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0xffff) return v4Refused(v4); // ::ffff:a.b.c.d, IPv4-mapped
  if (upperZero && g5 === 0) return g6 === 0 ? true : v4Refused(v4); // ::, ::1 and IPv4-compatible ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4Refused(v4); // NAT64
  if (g0 === 0x2002) return v4Refused(g1 * 65536 + g2); // 6to4 carries an IPv4 address
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/**
 * True when `address` (an IP literal, IPv6 with or without brackets) lies in a range a crawl
 * must not reach unless its source allows private addresses; anything unparsable counts as refused.
 */
export function isPrivateAddress(address: string): boolean {
  const a = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(a.split('%')[0]!);
  if (family === 4) return v4Refused(ip4(a));
  if (family === 6) {
    const groups = ip6Groups(a);
    return groups ? v6Refused(groups) : true;
  }
  return true;
}
