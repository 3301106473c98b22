/**
 * Which Web Push endpoints the server will send to. A push subscription is an address a browser
 * hands us, so a user could hand us any URL and have the server request it (SSRF): we accept only
 * `https:` URLs of known push services, and never send to a loopback, private, link-local,
 * shared or metadata address, whatever a name resolves to. Pure.
 */

/** The browsers' push services: Chrome/Edge-Chromium/Opera/Samsung (FCM), Firefox, Edge (WNS), Safari. */
export const DEFAULT_PUSH_SERVICE_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
];

export interface PushEndpointPolicy {
  /** Host names, or `*.suffix` for any subdomain of suffix. */
  hosts: readonly string[];
  /**
   * Tests and benchmarks only (a local fake push service): also plain http and loopback/private
   * addresses of the listed hosts. Never set from the environment.
   */
  allowPrivateNetwork?: boolean;
}

export const DEFAULT_PUSH_POLICY: PushEndpointPolicy = { hosts: DEFAULT_PUSH_SERVICE_HOSTS };

/** Parses a comma- or space-separated `PUSH_SERVICE_HOSTS`; each entry a host name or `*.suffix`. */
export function parsePushServiceHosts(value: string): string[] {
  const hosts = value
    .split(/[\s,]+/)
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const h of hosts)
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h)) throw new Error(`PUSH_SERVICE_HOSTS: ${h} is not a host name or *.suffix`);
  return hosts;
}

function hostAllowed(host: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));
}

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Checks an endpoint URL before it is stored and again before every send. */
export function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: '推送地址格式不正确' };
  }
  const local = policy.allowPrivateNetwork === true;
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return { ok: false, reason: '推送地址须为 https 地址' };
  if (url.username || url.password) return { ok: false, reason: '推送地址不能包含用户名或密码' };
  if (url.port && !local) return { ok: false, reason: '推送地址不能指定端口' };
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!hostAllowed(host, policy.hosts)) return { ok: false, reason: '推送地址不属于已知的浏览器推送服务' };
  if (!local && isIpLiteral(host) && isForbiddenAddress(host)) return { ok: false, reason: '推送地址不被允许' };
  return { ok: true, url };
}

/** Whether a resolved address may be sent to. */
export function addressAllowed(address: string, policy: PushEndpointPolicy): boolean {
  return policy.allowPrivateNetwork === true || !isForbiddenAddress(address);
}

const isIpLiteral = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

// Not routable on the public internet, or reaching the host itself or its cloud's metadata service.
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // this network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared (CGNAT); also Alibaba Cloud's metadata 100.100.100.200
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. the 169.254.169.254 metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

function v4Forbidden(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n === null) return true;
  return V4_BLOCKED.some(([base, bits]) => {
    const b = ipv4ToInt(base)!;
    const size = 2 ** (32 - bits);
    return n >= b && n < b + size;
  });
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail), or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase().split('%')[0]!;
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = ipv4ToInt(v4[1]!);
    if (n === null) return null;
    text = text.slice(0, -v4[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s ? s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : []);
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
}

function v6Forbidden(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (!g) return true;
  const [a, b] = g as [number, number];
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  // IPv4-mapped, -compatible and NAT64 addresses reach the IPv4 address they carry.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return v4Forbidden(v4Of(g[6]!, g[7]!));
  if (a === 0x64 && b === 0xff9b) return v4Forbidden(v4Of(g[6]!, g[7]!));
  if (a === 0x2002) return v4Forbidden(v4Of(g[1]!, g[2]!)); // 6to4
  if ((a & 0xfe00) === 0xfc00) return true; // unique local, incl. AWS fd00:ec2::254
  if ((a & 0xffc0) === 0xfe80) return true; // link-local
  if ((a & 0xffc0) === 0xfec0) return true; // site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  if (a === 0x2001 && b === 0) return true; // Teredo
  return false;
}

/** True for loopback, private, link-local, shared, reserved, multicast and metadata addresses. */
export function isForbiddenAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  return ip.includes(':') ? v6Forbidden(ip) : v4Forbidden(ip);
}
