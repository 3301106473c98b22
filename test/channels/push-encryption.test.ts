import { createECDH, randomBytes } from 'node:crypto';
// @ts-expect-error http_ece ships no types
import ece from 'http_ece';
import { describe, expect, it } from 'vitest';
import { pushEncryption } from '../../src/delivery/push-encryption.js';

describe('Web Push encryption beside the main thread', () => {
  it('encrypts each message with its own key on the worker thread, and the subscriber decrypts every one', async () => {
    const subscriber = createECDH('prime256v1');
    subscriber.generateKeys();
    const authSecret = randomBytes(16);
    const subscription = { endpoint: 'https://push.example.org/send/1', keys: { p256dh: subscriber.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } };
    const before = pushEncryption.encrypted.onWorker;
    const options = { vapidDetails: null as never, headers: { Authorization: 'vapid t=x, k=y' }, TTL: 60, contentEncoding: 'aes128gcm' as const };
    const requests = await Promise.all(Array.from({ length: 50 }, (_, i) => pushEncryption.prepare(subscription, JSON.stringify({ n: i, text: '签收' }), options)));
    expect(pushEncryption.encrypted.onWorker - before).toBe(50);
    expect(new Set(requests.map((r) => r.body.subarray(21, 86).toString('hex'))).size).toBe(50); // a fresh sender key each
    requests.forEach((r, i) => {
      expect(r.endpoint).toBe(subscription.endpoint);
      expect(r.headers).toMatchObject({ Authorization: 'vapid t=x, k=y', TTL: 60, 'Content-Encoding': 'aes128gcm' });
      const plain = ece.decrypt(r.body, { version: 'aes128gcm', privateKey: subscriber, authSecret });
      expect(JSON.parse(plain.toString('utf8'))).toEqual({ n: i, text: '签收' });
    });
  });

  it('a subscription it cannot encrypt for is refused with the reason, and the others still go', async () => {
    const options = { vapidDetails: null as never, TTL: 60, contentEncoding: 'aes128gcm' as const };
    const broken = pushEncryption.prepare({ endpoint: 'https://push.example.org/send/2', keys: { p256dh: 'not-a-key', auth: 'x' } }, 'hi', options);
    await expect(broken).rejects.toThrow();
    const good = createECDH('prime256v1');
    good.generateKeys();
    const ok = await pushEncryption.prepare({ endpoint: 'https://push.example.org/send/3', keys: { p256dh: good.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } }, 'hi', options);
    expect(ok.body.length).toBeGreaterThan(86);
  });
});
