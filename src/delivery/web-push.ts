/**
 * Web Push (RFC 8030/8291/8292) through the web-push library: it encrypts the payload (aes128gcm)
 * and signs the VAPID JWT; we send the prepared request with fetch, which also works on Workers
 * and with plain-http push services in tests.
 */
import webpush from 'web-push';
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
  constructor(private readonly vapid: VapidKeys) {}

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
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(
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
    let res: Response;
    try {
      res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body as unknown as BodyInit,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      return resultFromNetworkError(err);
    }
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, providerMessageId: res.headers.get('location') ?? undefined };
    // 404/410: the subscription expired or was unsubscribed; it will never work again.
    if (res.status === 404 || res.status === 410) return { ok: false, temporary: false, gone: true, reason: `push ${res.status}: subscription gone` };
    const temporary = res.status === 429 || res.status >= 500;
    return { ok: false, temporary, reason: `push ${res.status}` };
  }
}
