/**
 * Who is asking: the address of the socket a request came in on, as the production server
 * saw it. Next's route handlers only get a web Request, so the server stamps the address
 * into a header, together with a per-process secret so that a client cannot send the
 * header itself (without the secret, the client is treated as unknown: not local).
 * X-Forwarded-For is believed only from peers listed in ATOMFORGE_TRUSTED_PROXIES.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { AddressRange } from '@/lib/config';

export const PEER_HEADER = 'x-atomforge-peer';
export const PEER_PROOF_HEADER = 'x-atomforge-peer-proof';

const KEY = Symbol.for('atomforge.web.peer-secret');
type Holder = typeof globalThis & { [KEY]?: string };
const holder = globalThis as Holder;

function secret(): string {
  holder[KEY] ??= randomBytes(24).toString('base64url');
  return holder[KEY];
}

/** '::ffff:127.0.0.1' is the IPv4 client 127.0.0.1 on a dual-stack socket */
export function normalizeAddress(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Replaces whatever the client sent in the peer headers with the socket's own address. */
export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = normalizeAddress(req.socket.remoteAddress ?? '');
  req.headers[PEER_PROOF_HEADER] = secret();
}

/** The stamped socket address, or null when the request did not come through the production server. */
export function stampedPeer(request: Request): string | null {
  const proof = Buffer.from(request.headers.get(PEER_PROOF_HEADER) ?? '');
  const want = Buffer.from(secret());
  if (proof.length !== want.length || !timingSafeEqual(proof, want)) return null;
  const peer = request.headers.get(PEER_HEADER) ?? '';
  return isIP(peer) ? peer : null;
}

export function addressList(ranges: readonly AddressRange[]): BlockList {
  const list = new BlockList();
  for (const r of ranges) list.addSubnet(r.address, r.prefix, r.family);
  return list;
}

export function inList(list: BlockList, address: string): boolean {
  const a = normalizeAddress(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: the socket's, or, when the socket's peer is a trusted proxy, the
 * nearest X-Forwarded-For entry that is not itself a trusted proxy. null when unknown.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trusted: BlockList): string | null {
  if (peer === null) return null;
  let client = normalizeAddress(peer);
  if (!inList(trusted, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((h) => normalizeAddress(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return null;
    client = hop;
    if (!inList(trusted, hop)) return client;
  }
  return client;
}
