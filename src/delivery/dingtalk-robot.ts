/**
 * DingTalk custom group robot (自定义机器人): POST markdown to the unit's webhook
 * (https://oapi.dingtalk.com/robot/send?access_token=...). With 加签 the robot's secret (SEC...)
 * signs `${timestamp}\n${secret}` with HMAC-SHA256; `timestamp` (ms) and `sign` (base64, URL-encoded)
 * go into the query. DingTalk answers HTTP 200 with `errcode`; 0 is success.
 *
 * The webhook URL carries the access token and the secret is the contact point's `secret.secret`:
 * neither ever appears in a reason. Uses fetch and WebCrypto only, so it also runs on Workers (the
 * cron of src/worker/scheduled.ts sends robots).
 */
import { resultFromNetworkError, type ChannelAdapter, type ContactPoint, type OutboundMessage, type SendResult, webhookAllowed } from './channel.js';

export interface DingTalkRobotConfig {
  /** Host names a webhook may point at; default oapi.dingtalk.com. Anything else fails without a request. */
  webhookHosts?: string[];
  /** Per-request limit; default 10 s. */
  timeoutMs?: number;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

export const DINGTALK_WEBHOOK_HOSTS = ['oapi.dingtalk.com'];

export class DingTalkRobotAdapter implements ChannelAdapter {
  readonly provider = 'dingtalk' as const;
  constructor(private readonly config: DingTalkRobotConfig = {}) {}

  refusesAddress(address: string): boolean {
    return !webhookAllowed(address, this.config.webhookHosts ?? DINGTALK_WEBHOOK_HOSTS);
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    let url: URL;
    try {
      url = new URL(contact.address);
    } catch {
      return { ok: false, temporary: false, reason: 'dingtalk: webhook is not a URL' };
    }
    const hosts = this.config.webhookHosts ?? DINGTALK_WEBHOOK_HOSTS;
    if (!hosts.includes(url.hostname) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return { ok: false, temporary: false, reason: `dingtalk: webhook host ${url.hostname} is not an allowed DingTalk host` };
    }
    const secret = contact.secret.secret;
    if (secret) {
      const timestamp = String((this.config.now ?? Date.now)());
      url.searchParams.set('timestamp', timestamp);
      // URLSearchParams percent-encodes the base64 (+ / =): the "urlEncode" step of the scheme.
      url.searchParams.set('sign', await dingTalkSign(timestamp, secret));
    }
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        // Never follow a redirect away from the allowed host; Workers' fetch has no 'error' mode.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (err) {
      return resultFromNetworkError(err);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 300 && res.status < 400) return { ok: false, temporary: false, reason: `dingtalk HTTP ${res.status}: redirect not followed` };
    if (res.status >= 500 || res.status === 429 || res.status === 408) return { ok: false, temporary: true, reason: `dingtalk HTTP ${res.status}` };
    let answer: { errcode?: number; errmsg?: string };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return { ok: false, temporary: res.status < 400, reason: `dingtalk HTTP ${res.status}: unreadable answer` };
    }
    if (answer.errcode === 0) return { ok: true };
    if (typeof answer.errcode !== 'number') return { ok: false, temporary: res.status < 400, reason: `dingtalk HTTP ${res.status}: answer without errcode` };
    return classifyDingTalkCode(answer.errcode, answer.errmsg);
  }
}

/** HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`), base64 (not yet URL-encoded). */
export async function dingTalkSign(timestamp: string, secret: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`${timestamp}\n${secret}`)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** DingTalk robot errcodes, sorted into retry-worthy, permanent, or the robot is gone. */
export function classifyDingTalkCode(errcode: number, errmsg?: string): SendResult {
  const reason = `dingtalk ${errcode}${errmsg ? `: ${errmsg.slice(0, 160)}` : ''}`;
  if (GONE[errcode]) return { ok: false, temporary: false, gone: true, reason: `${reason} — ${GONE[errcode]}` };
  if (TEMPORARY[errcode]) return { ok: false, temporary: true, reason: `${reason} — ${TEMPORARY[errcode]}` };
  if (PERMANENT[errcode]) return { ok: false, temporary: false, reason: `${reason} — ${PERMANENT[errcode]}` };
  return { ok: false, temporary: true, reason: `${reason} (unrecognised code, retrying)` };
}

const GONE: Record<number, string> = {
  300001: 'access token invalid: the robot was removed',
  300005: 'access token does not exist',
  400013: 'the group was dissolved',
  400101: 'access token does not exist',
  400106: 'the robot does not exist',
};

const TEMPORARY: Record<number, string> = {
  [-1]: 'DingTalk busy',
  130101: 'sending too fast (20 messages a minute per robot)',
  410100: 'sending too fast, rate limited',
};

const PERMANENT: Record<number, string> = {
  310000: 'signature mismatch, keyword missing or IP not allowed: check the robot security settings and secret',
  400102: 'the robot is disabled',
  400105: 'message type not supported',
  430101: 'message rejected: unsafe link',
  430102: 'message rejected: inappropriate text',
  430103: 'message rejected: inappropriate image',
  430104: 'message rejected: inappropriate content',
};
