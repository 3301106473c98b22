/**
 * The interface every outbound channel implements (Web Push, SMS providers, group robots).
 * The dispatcher hands an adapter one rendered message for one contact point and records the
 * outcome; adapters do no database work and hold no state between calls.
 */

/** What to say, already rendered for a channel with little room (SMS) and one with more (robots, push). */
export interface OutboundMessage {
  /** Stable id of the delivery row, for provider-side idempotency/tracing where supported. */
  deliveryId: string;
  /** 【演练】-prefixed when the incident is an exercise. */
  title: string;
  /** Short text, fits one or two SMS segments, ends with the one-tap link. */
  shortText: string;
  /** Longer markdown for robots: facts, role, the quoted clause, one link per person. */
  markdown: string;
  /** The one-tap acknowledgement link(s) this message carries. */
  links: { label: string; url: string }[];
  /** For SMS templates: named parameters (incident ref, unit, severity, link). */
  templateParams: Record<string, string>;
  /** Structured payload for Web Push (the service worker renders it). */
  pushPayload: Record<string, unknown>;
}

/** Where a message goes: a person's phone or push subscription, or a unit's group robot. */
export interface ContactPoint {
  id: string;
  channel: 'web_push' | 'sms' | 'robot';
  provider: 'webpush' | 'aliyun' | 'tencent' | 'dingtalk' | 'wecom';
  /** Phone number (E.164 or mainland 11 digits), push endpoint URL, or robot webhook URL. */
  address: string;
  /** Channel secrets: push keys { p256dh, auth }, robot signing secret { secret }. */
  secret: Record<string, string>;
}

export type SendResult =
  | { ok: true; providerMessageId?: string }
  /** `temporary`: worth retrying with backoff. `gone`: the contact point no longer exists (e.g. push 404/410).
   * `stopped`: not sent because its subject no longer wants it (answered, handed on); no failure. */
  | { ok: false; temporary: boolean; gone?: boolean; stopped?: boolean; reason: string };

export interface ChannelAdapter {
  readonly provider: ContactPoint['provider'];
  send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult>;
  /** An address this adapter would fail without sending (e.g. a robot webhook on a host not allowed). */
  refusesAddress?(address: string): boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A webhook address fit to store and send to: HTTPS on its default port, with no user name or
 * password in it (fetch refuses those, so it would fail on every send). Plain HTTP and other ports
 * only on this machine, where the local receivers of tests and drills listen.
 */
export function secureWebhookAddress(address: string): boolean {
  try {
    const url = new URL(address);
    if (url.username || url.password) return false;
    if (LOOPBACK.has(url.hostname)) return url.protocol === 'https:' || url.protocol === 'http:';
    return url.protocol === 'https:' && url.port === '';
  } catch {
    return false;
  }
}

/** Whether a webhook is a secure address on one of the allowed hosts. */
export function webhookAllowed(address: string, hosts: string[]): boolean {
  if (!secureWebhookAddress(address)) return false;
  return hosts.includes(new URL(address).hostname);
}

/** Classifies an HTTP status the way most providers mean it. */
export function resultFromStatus(status: number, reason: string): SendResult {
  if (status >= 200 && status < 300) return { ok: true };
  const temporary = status === 408 || status === 425 || status === 429 || status >= 500;
  return { ok: false, temporary, reason: `${status} ${reason}`.trim() };
}

/** Network failures (refused, reset, timeout) are temporary. */
export function resultFromNetworkError(err: unknown): SendResult {
  const e = err as { message?: string; cause?: { code?: string } };
  return { ok: false, temporary: true, reason: `network: ${e?.cause?.code ?? e?.message ?? String(err)}` };
}
