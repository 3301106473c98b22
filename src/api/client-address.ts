/**
 * Who is on the other end of a request, and over what. `X-Forwarded-For` and
 * `X-Forwarded-Proto` are believed only when the peer is one of TRUSTED_PROXIES (addresses or
 * CIDRs); otherwise anyone could claim any address (and escape the login limits) or claim HTTPS.
 * Pure code (no node:net), so the same rules hold on Workers. Login limits, logs and cookies
 * all ask here.
 */

type Parsed = { v: 4 | 6; n: bigint };

function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIPv6(text: string): bigint | null {
  let head = text;
  let tailV4: bigint | null = null;
  const lastColon = head.lastIndexOf(':');
  if (head.includes('.')) {
    tailV4 = parseIPv4(head.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) n = (n & ~0xffffffffn) | tailV4;
  return n;
}

/** An IPv4 or IPv6 address; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) counts as IPv4. */
export function parseAddress(text: string): Parsed | null {
  const t = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIPv4(t);
  if (v4 !== null) return { v: 4, n: v4 };
  const v6 = t.includes(':') ? parseIPv6(t) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v: 4, n: v6 & 0xffffffffn };
  return { v: 6, n: v6 };
}

export interface ProxyTrust {
  trusts(address: string): boolean;
}

/** `127.0.0.1,10.0.0.0/8,::1` → the trust check; an unreadable entry is a configuration error. */
export function parseTrustedProxies(list: string | undefined): ProxyTrust {
  const ranges: { v: 4 | 6; base: bigint; bits: number }[] = [];
  for (const entry of (list ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [addr, prefix] = entry.split('/');
    const parsed = parseAddress(addr!);
    const width = parsed?.v === 4 ? 32 : 128;
    const bits = prefix === undefined ? width : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!parsed || !(bits >= 0 && bits <= width)) throw new Error(`TRUSTED_PROXIES: cannot read "${entry}" (address or CIDR expected)`);
    const shift = BigInt(width - bits);
    ranges.push({ v: parsed.v, base: (parsed.n >> shift) << shift, bits });
  }
  return {
    trusts(address) {
      const a = parseAddress(address);
      if (!a) return false;
      return ranges.some((r) => {
        if (r.v !== a.v) return false;
        const shift = BigInt((r.v === 4 ? 32 : 128) - r.bits);
        return (a.n >> shift) << shift === r.base;
      });
    },
  };
}

export const TRUST_NOBODY: ProxyTrust = { trusts: () => false };

export interface ConnectionFacts {
  /** The TCP peer. */
  peerAddress: string;
  /** The protocol of the connection itself ('http' or 'https'). */
  protocol: string;
  forwardedFor?: string | null;
  forwardedProto?: string | null;
}

export interface ClientFacts {
  /** The client's address: the peer, or the nearest untrusted hop named by trusted proxies. */
  address: string;
  /** Whether the client reached the service over HTTPS. */
  secure: boolean;
}

/**
 * Walks `X-Forwarded-For` from the right while each hop is a trusted proxy; the first hop that
 * is not is the client. The protocol is taken from the proxy that spoke to us, and only from it.
 */
export function clientFacts(facts: ConnectionFacts, trust: ProxyTrust): ClientFacts {
  const ownSecure = facts.protocol.replace(/:$/, '') === 'https';
  if (!trust.trusts(facts.peerAddress)) return { address: normalise(facts.peerAddress), secure: ownSecure };
  const hops = (facts.forwardedFor ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let address = facts.peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!parseAddress(hops[i]!)) break;
    address = hops[i]!;
    if (!trust.trusts(address)) break;
  }
  const proto = facts.forwardedProto?.split(',').pop()?.trim().toLowerCase();
  return { address: normalise(address), secure: proto ? proto === 'https' : ownSecure };
}

function normalise(address: string): string {
  const a = parseAddress(address);
  if (!a) return address || 'unknown';
  if (a.v === 4) return [24n, 16n, 8n, 0n].map((s) => String((a.n >> s) & 255n)).join('.');
  return address.trim().replace(/^\[|\]$/g, '').toLowerCase();
}
