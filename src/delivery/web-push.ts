/**
 * Web Push (RFC 8030/8291/8292) through the web-push library: it encrypts the payload (aes128gcm,
 * on a worker thread: ./push-encryption.ts) and signs the VAPID JWT; we send the prepared request
 * ourselves. The endpoint is a URL a user gave us, so it is checked against the push-service allow-list before every send, and the
 * connection is made only to addresses that the name resolves to *and* that are public: the check
 * sits in the socket's own DNS lookup, so a name cannot resolve one way for the check and another
 * for the connection.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import webpush from 'web-push';
import { pushEncryption, type PreparedPushRequest } from './push-encryption.js';
import { addressAllowed, checkPushEndpoint, DEFAULT_PUSH_POLICY, type PushEndpointPolicy } from '../domain/push-endpoints.js';
import { resultFromNetworkError, type ChannelAdapter, type ContactPoint, type OutboundMessage, type SendResult } from './channel.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: contact for the push service operator. */
  subject: string;
}

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

/** A VAPID JWT is valid for up to 24 h; we sign one per push service for 12 h and reuse it (ES256 signing is the costly part). */
const VAPID_LIFETIME_S = 12 * 3600;

export class WebPushAdapter implements ChannelAdapter {
  readonly provider = 'webpush' as const;
  private readonly authorization = new Map<string, { header: string; renewAt: number }>();
  constructor(
    private readonly vapid: VapidKeys,
    private readonly policy: PushEndpointPolicy = DEFAULT_PUSH_POLICY,
  ) {
    pushEncryption.warm();
  }

  private vapidAuthorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const cached = this.authorization.get(audience);
    if (cached && cached.renewAt > Date.now()) return cached.header;
    const expiration = Math.floor(Date.now() / 1000) + VAPID_LIFETIME_S;
    const { Authorization } = webpush.getVapidHeaders(audience, this.vapid.subject, this.vapid.publicKey, this.vapid.privateKey, 'aes128gcm', expiration);
    this.authorization.set(audience, { header: Authorization, renewAt: Date.now() + (VAPID_LIFETIME_S - 3600) * 1000 });
    return Authorization;
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    // Stored before the allow-list tightened, or altered in the database: never sent.
    const allowed = checkPushEndpoint(contact.address, this.policy);
    if (!allowed.ok) return { ok: false, temporary: false, gone: true, reason: `blocked: ${allowed.reason}` };
    let details: PreparedPushRequest;
    try {
      // Encrypted beside the main thread (./push-encryption.ts).
      details = await pushEncryption.prepare(
        { endpoint: contact.address, keys: { p256dh: contact.secret.p256dh ?? '', auth: contact.secret.auth ?? '' } },
        JSON.stringify(message.pushPayload),
        {
          // The library encrypts the payload; the VAPID header is the cached one.
          vapidDetails: null as never,
          headers: { Authorization: this.vapidAuthorization(contact.address) },
          TTL: 24 * 3600,
          urgency: 'high',
          contentEncoding: 'aes128gcm',
        },
      );
    } catch (err) {
      return { ok: false, temporary: false, gone: true, reason: `push subscription unusable: ${(err as Error).message}` };
    }
    let res: { status: number; location?: string };
    try {
      res = await post(details.endpoint, details.headers, details.body, this.policy);
    } catch (err) {
      if ((err as { code?: string }).code === BLOCKED) return { ok: false, temporary: false, gone: true, reason: 'blocked: 推送地址解析到不允许的网络地址' };
      return resultFromNetworkError(err);
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, providerMessageId: res.location };
    // 404/410: the subscription expired or was unsubscribed; it will never work again.
    if (res.status === 404 || res.status === 410) return { ok: false, temporary: false, gone: true, reason: `push ${res.status}: subscription gone` };
    const temporary = res.status === 429 || res.status >= 500;
    return { ok: false, temporary, reason: `push ${res.status}` };
  }
}

const BLOCKED = 'EPUSHBLOCKED';
const TIMEOUT_MS = 10_000;

/** Resolves like the system does, then refuses unless every address is allowed. */
function guardedLookup(policy: PushEndpointPolicy) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '');
      if (addresses.length === 0 || addresses.some((a) => !addressAllowed(a.address, policy))) {
        const blocked = Object.assign(new Error('push endpoint resolves to a forbidden address'), { code: BLOCKED });
        return callback(blocked, '');
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** One POST to the push service; the answer's body is not needed. */
function post(endpoint: string, headers: Record<string, string>, body: Buffer, policy: PushEndpointPolicy): Promise<{ status: number; location?: string }> {
  const url = new URL(endpoint);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, lookup: guardedLookup(policy) as never, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('push request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}
