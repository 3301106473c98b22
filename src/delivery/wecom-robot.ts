/**
 * WeCom (企业微信) group robot: POST markdown to the unit's webhook
 * (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...). There is no request signature: the
 * key in the URL is the secret, so the URL never appears in a reason. WeCom answers HTTP 200 with
 * `errcode`; 0 is success. Markdown content is limited to 4096 bytes of UTF-8.
 * Uses fetch only, so it also runs on Workers.
 */
import { resultFromNetworkError, type ChannelAdapter, type ContactPoint, type OutboundMessage, type SendResult, webhookAllowed } from './channel.js';

export interface WeComRobotConfig {
  /** Host names a webhook may point at; default qyapi.weixin.qq.com (add a private deployment's host). */
  webhookHosts?: string[];
  /** Per-request limit; default 10 s. */
  timeoutMs?: number;
}

export const WECOM_WEBHOOK_HOSTS = ['qyapi.weixin.qq.com'];
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export class WeComRobotAdapter implements ChannelAdapter {
  readonly provider = 'wecom' as const;
  constructor(private readonly config: WeComRobotConfig = {}) {}

  refusesAddress(address: string): boolean {
    return !webhookAllowed(address, this.config.webhookHosts ?? WECOM_WEBHOOK_HOSTS);
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    let url: URL;
    try {
      url = new URL(contact.address);
    } catch {
      return { ok: false, temporary: false, reason: 'wecom: webhook is not a URL' };
    }
    const hosts = this.config.webhookHosts ?? WECOM_WEBHOOK_HOSTS;
    if (!hosts.includes(url.hostname) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return { ok: false, temporary: false, reason: `wecom: webhook host ${url.hostname} is not an allowed WeCom host` };
    }
    const content = fitMarkdown(message.markdown, message.links.map((l) => l.url), WECOM_MARKDOWN_MAX_BYTES);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
        // Never follow a redirect away from the allowed host; Workers' fetch has no 'error' mode.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (err) {
      return resultFromNetworkError(err);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 300 && res.status < 400) return { ok: false, temporary: false, reason: `wecom HTTP ${res.status}: redirect not followed` };
    if (res.status >= 500 || res.status === 429 || res.status === 408) return { ok: false, temporary: true, reason: `wecom HTTP ${res.status}` };
    let answer: { errcode?: number; errmsg?: string };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return { ok: false, temporary: res.status < 400, reason: `wecom HTTP ${res.status}: unreadable answer` };
    }
    if (answer.errcode === 0) return { ok: true };
    if (typeof answer.errcode !== 'number') return { ok: false, temporary: res.status < 400, reason: `wecom HTTP ${res.status}: answer without errcode` };
    return classifyWeComCode(answer.errcode, answer.errmsg);
  }
}

/** WeCom robot errcodes, sorted into retry-worthy, permanent, or the robot is gone. */
export function classifyWeComCode(errcode: number, errmsg?: string): SendResult {
  // errmsg often ends with a hint URL carrying a request id; keep the first part.
  const reason = `wecom ${errcode}${errmsg ? `: ${errmsg.split(/,\s*hint:/)[0]!.slice(0, 160)}` : ''}`;
  if (errcode === 93000) return { ok: false, temporary: false, gone: true, reason: `${reason} — invalid webhook URL: the robot was removed` };
  if (TEMPORARY[errcode]) return { ok: false, temporary: true, reason: `${reason} — ${TEMPORARY[errcode]}` };
  if (PERMANENT[errcode]) return { ok: false, temporary: false, reason: `${reason} — ${PERMANENT[errcode]}` };
  return { ok: false, temporary: true, reason: `${reason} (unrecognised code, retrying)` };
}

const TEMPORARY: Record<number, string> = {
  [-1]: 'WeCom busy',
  45009: 'API frequency limit (20 messages a minute per robot)',
  45033: 'too many concurrent calls',
};

const PERMANENT: Record<number, string> = {
  40008: 'invalid message type',
  40058: 'invalid content (empty, too long or malformed)',
  44004: 'empty content',
  93004: 'the robot is disabled',
  93008: 'the robot is not in the group',
};

const encoder = new TextEncoder();

/**
 * Fits markdown into `maxBytes` of UTF-8, cut at a character boundary. When it must cut, it keeps
 * the lines that carry the acknowledgement links (they are what the message is for) and shortens
 * the text before them, marking the cut with "…".
 */
export function fitMarkdown(markdown: string, linkUrls: string[], maxBytes: number): string {
  if (encoder.encode(markdown).length <= maxBytes) return markdown;
  const lines = markdown.split('\n');
  const keep = lines.filter((line) => linkUrls.some((u) => u && line.includes(u)));
  const rest = lines.filter((line) => !keep.includes(line)).join('\n');
  const tail = keep.length ? `\n…\n${keep.join('\n')}` : '\n…';
  const room = maxBytes - encoder.encode(tail).length;
  // Links alone too long (a very large unit): cut plainly.
  if (room < 256) return truncateUtf8(markdown, maxBytes - encoder.encode('…').length) + '…';
  return truncateUtf8(rest, room) + tail;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
