/** Which push endpoints the server sends to, and what users are told of a failure. Pure. */
import { describe, expect, it } from 'vitest';
import { FAILURE_REASONS, publicFailureReason } from '../../src/domain/delivery-failures.js';
import { checkPushEndpoint, DEFAULT_PUSH_POLICY, isForbiddenAddress, parsePushServiceHosts } from '../../src/domain/push-endpoints.js';

describe('push endpoints', () => {
  it('accepts the browsers’ push services over https', () => {
    for (const url of [
      'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
      'https://web.push.apple.com/QGuQyavXutnMDQ',
    ])
      expect(checkPushEndpoint(url, DEFAULT_PUSH_POLICY).ok, url).toBe(true);
  });

  it('refuses anything else: other hosts, look-alikes, http, ports, credentials, addresses', () => {
    for (const url of [
      'http://fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'https://user:pw@fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com.evil.example/x',
      'https://notify.windows.com.evil.example/x',
      'https://evilnotify.windows.com/x',
      'https://notify.windows.com/x',
      'https://127.0.0.1/push',
      'http://127.0.0.1:8080/push',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/push',
      'https://10.0.0.5/push',
      'https://intranet.local/push',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const check = checkPushEndpoint(url, DEFAULT_PUSH_POLICY);
      expect(check.ok, url).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/^[\u4e00-\u9fa5，、 a-z]+$/);
    }
  });

  it('an allow-listed name may not be an internal address either, unless the test policy says so', () => {
    expect(checkPushEndpoint('https://127.0.0.1/push', { hosts: ['127.0.0.1'] }).ok).toBe(false);
    expect(checkPushEndpoint('http://127.0.0.1:4000/push', { hosts: ['127.0.0.1'], allowPrivateNetwork: true }).ok).toBe(true);
  });

  it('knows loopback, private, link-local, shared, metadata and mapped addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', 'ff02::1', 'not-an-ip'])
      expect(isForbiddenAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '142.250.4.95', '172.32.0.1', '100.128.0.1', '2607:f8b0:4004:c1b::5f', '2606:4700::1111'])
      expect(isForbiddenAddress(ip), ip).toBe(false);
  });

  it('PUSH_SERVICE_HOSTS takes host names and *.suffix, nothing else', () => {
    expect(parsePushServiceHosts('fcm.googleapis.com, *.notify.windows.com  push.example.cn')).toEqual(['fcm.googleapis.com', '*.notify.windows.com', 'push.example.cn']);
    expect(() => parsePushServiceHosts('https://fcm.googleapis.com/')).toThrow();
    expect(() => parsePushServiceHosts('*')).toThrow();
  });
});

describe('failure reasons shown to users', () => {
  it('say what happened in plain words and nothing of the server’s network', () => {
    const raw = ['network: ECONNREFUSED', 'network: connect ECONNREFUSED 10.0.0.7:5432', 'network: ETIMEDOUT', 'push 503', 'push 404: subscription gone', 'push 400', 'blocked: 推送地址不被允许', '400 InvalidTemplate 10.0.0.8'];
    for (const r of raw) {
      const shown = publicFailureReason(r)!;
      expect(Object.values(FAILURE_REASONS)).toContain(shown);
      expect(shown).not.toMatch(/\d|[A-Za-z]{3}/);
    }
    expect(publicFailureReason('network: ECONNREFUSED')).not.toBe(publicFailureReason('push 400'));
    expect(publicFailureReason(null)).toBeNull();
  });
});
