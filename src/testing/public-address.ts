/**
 * Whether an IP address is a public, routable unicast one: not loopback, private, link-local,
 * CGNAT, multicast, reserved, documentation or "this network" — the addresses an emulator that
 * downloads URLs for its callers must never reach on their behalf. IPv6 forms that carry an
 * IPv4 address (mapped `::ffff:a.b.c.d`, compatible, NAT64 `64:ff9b::`, 6to4 `2002::`) are
 * judged by that address. Text that is not an address is not public.
 */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIPv4(address);
  if (v4) return isPublicIPv4(v4);
  const v6 = parseIPv6(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  return v6 ? isPublicIPv6(v6) : false;
}

/** IPv4 ranges that are not public (RFC 6890 and the IANA special-purpose registry), as [address, prefix length]. */
const NOT_PUBLIC_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast included
];

const notPublicV4 = NOT_PUBLIC_V4.map(([base, bits]) => {
  const mask = (~0 << (32 - bits)) >>> 0;
  return { mask, network: (toUint32(parseIPv4(base) as number[]) & mask) >>> 0 };
});

function isPublicIPv4(bytes: readonly number[]): boolean {
  const value = toUint32(bytes);
  return notPublicV4.every(({ mask, network }) => (value & mask) >>> 0 !== network);
}

function isPublicIPv6(groups: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  const zeroTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d; with g6 = 0, :: and ::1).
  if (zeroTo(5) && g5 === 0xffff) return isPublicIPv4(embedded);
  if (zeroTo(6)) return g6 !== 0 && isPublicIPv4(embedded);
  // NAT64 (64:ff9b::a.b.c.d).
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPublicIPv4(embedded);
  // 6to4: the IPv4 address follows the 2002: prefix.
  if (g0 === 0x2002) return isPublicIPv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]);
  // Only global unicast (2000::/3) is public, minus IETF protocol assignments (2001::/23,
  // Teredo included) and documentation (2001:db8::/32, 3fff::/20).
  if ((g0 & 0xe000) !== 0x2000) return false;
  if (g0 === 0x2001 && (g1 < 0x200 || g1 === 0xdb8)) return false;
  return !(g0 === 0x3fff && g1 < 0x1000);
}

/** `a.b.c.d` (each 0–255, no leading zeros) as four bytes, or `undefined`. */
function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

/** An IPv6 address (with `::` and an optional dotted IPv4 tail) as eight 16-bit groups, or `undefined`. */
function parseIPv6(text: string): number[] | undefined {
  let rest = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /(?<=:)\d+\.\d+\.\d+\.\d+$/.exec(rest);
  if (dotted) {
    const v4 = parseIPv4(dotted[0]);
    if (!v4) return undefined;
    const [a, b, c, d] = v4 as [number, number, number, number];
    tail.push(a * 256 + b, c * 256 + d);
    rest = rest.slice(0, dotted.index);
    // `::ffff:1.2.3.4` leaves `::ffff:`, whose last colon only separated the tail; `::1.2.3.4` leaves `::`.
    if (!rest.endsWith('::')) rest = rest.slice(0, -1);
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groupsOf(halves[0]);
  const right = groupsOf(halves[1]);
  if (![...left, ...right].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  return [...left.map(hex), ...Array<number>(8 - known).fill(0), ...right.map(hex), ...tail];
}

const hex = (group: string) => Number.parseInt(group, 16);

function toUint32(bytes: readonly number[]): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0) >>> 0;
}
