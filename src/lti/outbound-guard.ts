import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a request made on behalf of a stranger (the registration URL is anyone's to send)
 * must never reach: this machine, the operator's networks, cloud metadata, multicast.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry
 */
const FORBIDDEN_SUBNETS: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved and broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
  ['::ffff:0:0', 96, 'ipv6'], // IPv4-mapped: would reach any IPv4 address, private ones included
  ['64:ff9b::', 96, 'ipv6'], // NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

// Two lists: one BlockList holding ::ffff:0:0/96 would also match every IPv4 address checked.
const forbidden = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix, type] of FORBIDDEN_SUBNETS) {
  forbidden[type].addSubnet(network, prefix, type);
}

/** True for loopback, private, link-local, CGNAT, unique-local, mapped, multicast, reserved. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return forbidden[type].check(address, type);
}

export type OutboundHost =
  | { ok: true; address: string; family: 4 | 6 }
  | { ok: false; reason: 'unresolvable' | 'forbidden'; address?: string };

/**
 * Resolves a host once and checks every address it has (an attacker's DNS may list a public
 * address beside a private one). The caller connects to the returned address only, so a second
 * resolution (DNS rebinding) cannot swap in another.
 */
export async function resolveOutboundHost(
  hostname: string,
  allowPrivate: boolean,
): Promise<OutboundHost> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
  const first = addresses[0];
  if (!first) return { ok: false, reason: 'unresolvable' };
  const bad = addresses.find((a) => isForbiddenAddress(a.address));
  if (bad && !allowPrivate) return { ok: false, reason: 'forbidden', address: bad.address };
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}
