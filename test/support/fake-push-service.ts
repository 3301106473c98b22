/**
 * A local Web Push service for tests: checks the VAPID `Authorization: vapid t=<JWT>, k=<key>`
 * header (ES256 signature, aud = this origin, exp within 24 h, a sub claim), decrypts the
 * aes128gcm body with the subscription's private key (http_ece) and answers like a push service.
 */
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error http_ece ships no types
import ece from 'http_ece';
import type { PushEndpointPolicy } from '../../src/domain/push-endpoints.js';

const b64u = (b: Buffer) => b.toString('base64url');

export interface ReceivedPush {
  subscriptionId: string;
  payload: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

/**
 * The push-endpoint policy a server needs to reach this fake service on loopback over plain http.
 * Tests that use it say so explicitly; every other server keeps the production default.
 */
export const LOCAL_PUSH_SERVICE: PushEndpointPolicy = { hosts: ['127.0.0.1'], allowPrivateNetwork: true };

export class FakePushService {
  received: ReceivedPush[] = [];
  rejected: { subscriptionId: string; reason: string }[] = [];
  /** Status to answer per subscription id (default 201). */
  answers = new Map<string, number[]>();
  private subscriptions = new Map<string, FakeSubscription>();
  private server!: Server;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
        const scripted = this.answers.get(id)?.shift();
        if (scripted && scripted !== 201) {
          res.writeHead(scripted).end();
          return;
        }
        const sub = this.subscriptions.get(id);
        if (!sub) {
          res.writeHead(404).end();
          return;
        }
        const problem = this.checkVapid(String(req.headers.authorization ?? ''));
        if (problem) {
          this.rejected.push({ subscriptionId: id, reason: problem });
          res.writeHead(403).end(problem);
          return;
        }
        try {
          const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.authSecret });
          this.received.push({ subscriptionId: id, payload: JSON.parse(plain.toString('utf8')), headers: req.headers });
          res.writeHead(201, { location: `${this.origin}/messages/${this.received.length}` }).end();
        } catch (err) {
          this.rejected.push({ subscriptionId: id, reason: `decrypt: ${(err as Error).message}` });
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  /** What a browser's PushManager.subscribe() would produce, with keys the test owns. */
  subscribe(id = randomBytes(6).toString('hex')): FakeSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const sub = { id, endpoint: `${this.origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(authSecret) }, ecdh, authSecret };
    this.subscriptions.set(id, sub);
    return sub;
  }

  private checkVapid(header: string): string | null {
    const match = header.match(/^vapid t=([^,]+),\s*k=(.+)$/);
    if (!match) return 'no vapid authorization';
    const [, jwt, key] = match;
    const [h, p, s] = jwt!.split('.');
    const point = Buffer.from(key!, 'base64url');
    if (point.length !== 65 || point[0] !== 4) return 'bad key';
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'));
    if (!ok) return 'bad signature';
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    if (claims.aud !== this.origin) return `bad aud ${claims.aud}`;
    const now = Math.floor(Date.now() / 1000);
    if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) return 'bad exp';
    if (!/^(mailto:|https:)/.test(claims.sub ?? '')) return 'bad sub';
    return null;
  }
}
