/**
 * Tencent Cloud 语音消息 (vms 2020-09-02, SendTtsVoice): a text-to-speech call from a template,
 * after which the callee may press a key; Tencent posts the key press to our callback with the
 * SessionContext we gave it (see voice-session.ts).
 *
 * Tencent publishes no per-product npm package for vms (tencentcloud-sdk-nodejs-vms does not
 * exist; the all-products tencentcloud-sdk-nodejs is far too large to ship for one call), so the
 * call goes through CommonClient of tencentcloud-sdk-nodejs-common — the very client the SMS SDK
 * of the SMS adapter extends, signing with TC3-HMAC-SHA256 for the service named by the
 * endpoint's first label ("vms").
 */
import type { Agent } from 'node:http';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type { ChannelAdapter, ContactPoint, OutboundMessage, SendResult } from './channel.js';
import { classifyTencentCode, tencentClientOptions, tencentPhoneNumber } from './tencent-sms.js';
import { DEFAULT_VOICE_PARAMS } from './aliyun-voice.js';
import { signVoiceSession } from './voice-session.js';

export interface TencentVoiceConfig {
  secretId: string;
  secretKey: string;
  /** The voice application's VoiceSdkAppid. */
  voiceSdkAppId: string;
  /** The approved TTS template id; its text should end with 「确认收到请按1」. */
  templateId: string;
  /** Signs the SessionContext the key-press callback brings back. */
  callbackSecret: string;
  region?: string;
  /** Host or URL whose host starts with "vms."; default https://vms.tencentcloudapi.com. */
  endpoint?: string;
  templateParamNames?: string[];
  playTimes?: number;
  timeoutMs?: number;
  agent?: Agent;
}

type SendTtsVoiceResponse = { SendStatus?: { CallId?: string; SessionContext?: string } };

export class TencentVoiceAdapter implements ChannelAdapter {
  readonly provider = 'tencent' as const;
  /** Tencent's client is loaded on the first call, not at start (most servers never call). */
  private client?: Promise<CommonClient>;
  private readonly endpoint: { host: string; protocol: string };
  private readonly timeoutMs: number;

  constructor(private readonly config: TencentVoiceConfig) {
    for (const key of ['secretId', 'secretKey', 'voiceSdkAppId', 'templateId', 'callbackSecret'] as const) {
      if (!config[key]) throw new Error(`Tencent voice: ${key} is required`);
    }
    const endpoint = config.endpoint ?? 'vms.tencentcloudapi.com';
    const url = endpoint.includes('://') ? new URL(endpoint) : null;
    const host = url ? url.host : endpoint.replace(/\/+$/, '');
    if (!host.startsWith('vms.')) throw new Error(`Tencent voice: endpoint host must start with "vms.", got ${host}`);
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.endpoint = { host, protocol: url?.protocol === 'http:' ? 'http://' : 'https://' };
  }

  private commonClient(): Promise<CommonClient> {
    const { config, endpoint, timeoutMs } = this;
    this.client ??= import('tencentcloud-sdk-nodejs-common').then(
      ({ CommonClient }) =>
        new CommonClient(endpoint.host, '2020-09-02', tencentClientOptions(config, endpoint, timeoutMs)),
    );
    return this.client;
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    const names = this.config.templateParamNames ?? DEFAULT_VOICE_PARAMS;
    const missing = names.filter((n) => message.templateParams[n] === undefined);
    if (missing.length) return { ok: false, temporary: false, reason: `tencent voice: template parameter(s) ${missing.join(', ')} not provided by the message` };
    const request = {
      TemplateId: this.config.templateId,
      TemplateParamSet: names.map((n) => message.templateParams[n]!),
      CalledNumber: tencentPhoneNumber(contact.address),
      VoiceSdkAppid: this.config.voiceSdkAppId,
      PlayTimes: this.config.playTimes ?? 2,
      SessionContext: signVoiceSession(this.config.callbackSecret, message.deliveryId),
    };
    const client = await this.commonClient();
    let response: SendTtsVoiceResponse;
    try {
      response = (await client.request('SendTtsVoice', request, { signal: AbortSignal.timeout(this.timeoutMs) } as never)) as SendTtsVoiceResponse;
    } catch (err) {
      const e = err as { code?: string; httpCode?: number; message?: string };
      if (e?.code) return classifyTencentCode(e.code, e.message);
      if (e?.httpCode) return { ok: false, temporary: e.httpCode >= 500 || e.httpCode === 429, reason: `tencent voice HTTP ${e.httpCode}` };
      const sys = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)\b/.exec(e?.message ?? '')?.[1];
      if (sys) return { ok: false, temporary: true, reason: `network: ${sys}` };
      return { ok: false, temporary: true, reason: /abort|timeout/i.test(e?.message ?? '') ? 'network: timeout' : 'tencent voice: error' };
    }
    const callId = response.SendStatus?.CallId;
    return callId ? { ok: true, providerMessageId: callId } : { ok: false, temporary: true, reason: 'tencent voice: answer without SendStatus.CallId' };
  }
}
