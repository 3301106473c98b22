import { describe, expect, it } from 'vitest';
import { clientFacts, parseTrustedProxies, TRUST_NOBODY } from '../../src/api/client-address.js';
import { sameOriginRequest } from '../../src/api/origin-check.js';

describe('trusted proxies', () => {
  const trust = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');

  it('addresses and CIDRs, IPv4-mapped IPv6 peers included', () => {
    expect(trust.trusts('127.0.0.1')).toBe(true);
    expect(trust.trusts('::ffff:127.0.0.1')).toBe(true);
    expect(trust.trusts('10.200.3.4')).toBe(true);
    expect(trust.trusts('11.0.0.1')).toBe(false);
    expect(trust.trusts('fd12::1')).toBe(true);
    expect(trust.trusts('fe80::1')).toBe(false);
    expect(trust.trusts('garbage')).toBe(false);
  });

  it('an unreadable entry stops the start', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('example.com')).toThrow(/TRUSTED_PROXIES/);
  });

  it('without a trusted peer the forwarded headers are ignored', () => {
    expect(clientFacts({ peerAddress: '::ffff:198.51.100.2', protocol: 'http:', forwardedFor: '1.2.3.4', forwardedProto: 'https' }, TRUST_NOBODY)).toEqual({
      address: '198.51.100.2',
      secure: false,
    });
  });

  it('behind trusted proxies the nearest untrusted hop is the client; a spoofed left-most entry is not believed', () => {
    const facts = clientFacts({ peerAddress: '127.0.0.1', protocol: 'http:', forwardedFor: '6.6.6.6, 203.0.113.9, 10.1.1.1', forwardedProto: 'https' }, trust);
    expect(facts).toEqual({ address: '203.0.113.9', secure: true });
  });

  it('a trusted proxy that names no client leaves the peer as the address', () => {
    expect(clientFacts({ peerAddress: '10.0.0.5', protocol: 'http:' }, trust)).toEqual({ address: '10.0.0.5', secure: false });
  });
});

describe('same-origin requests', () => {
  const policy = { allowed: () => ['https://lianfang.example.gov.cn'], trustHost: false };

  it('only the configured origins; null, malformed and lookalikes are refused', () => {
    const check = (origin: string | undefined, secFetchSite?: string) => sameOriginRequest({ origin, secFetchSite, addressed: 'http://127.0.0.1:3000' }, policy);
    expect(check('https://lianfang.example.gov.cn')).toBe(true);
    expect(check('https://lianfang.example.gov.cn.evil.cn')).toBe(false);
    expect(check('http://lianfang.example.gov.cn')).toBe(false);
    expect(check('http://127.0.0.1:3000')).toBe(false);
    expect(check('null')).toBe(false);
    expect(check('::')).toBe(false);
    expect(check(undefined)).toBe(true);
    expect(check(undefined, 'cross-site')).toBe(false);
  });

  it('without PUBLIC_URL the origin the request addressed counts as the service’s own, another port does not', () => {
    const open = { allowed: () => [], trustHost: true };
    expect(sameOriginRequest({ origin: 'http://127.0.0.1:3000', addressed: 'http://127.0.0.1:3000' }, open)).toBe(true);
    expect(sameOriginRequest({ origin: 'http://127.0.0.1:3001', addressed: 'http://127.0.0.1:3000' }, open)).toBe(false);
  });
});
