/**
 * Aliyun 语音服务 (dyvmsapi 2017-05-25, SingleCallByTts): a text-to-speech call from a template.
 *
 * Alibaba Cloud's generated SDK for this product (@alicloud/dyvmsapi20170525) is not on the npm
 * registry this project installs from, so the call goes through @alicloud/openapi-core — the
 * client the dysmsapi SDK of the SMS adapter is built on, which signs with the same V3 scheme
 * (ACS3-HMAC-SHA256) — with the operation's parameters as the generated SDK would send them.
 * SingleCallByTts reports no key presses (only IVR calls do), so this channel only rings.
 */
import type OpenApiModule from '@alicloud/openapi-core';
import { aliyunPhoneNumber, classifyAliyunCode } from './aliyun-sms.js';
import type { ChannelAdapter, ContactPoint, OutboundMessage, SendResult } from './channel.js';

export interface AliyunVoiceConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The number shown to the callee (被叫显号), bought in the console. */
  calledShowNumber: string;
  /** The approved TTS template code, e.g. TTS_123456789. */
  ttsCode: string;
  /** Host or URL; default https://dyvmsapi.aliyuncs.com. */
  endpoint?: string;
  /** Template variables to send; default ref, severity, unit, role. */
  templateParamNames?: string[];
  /** Times the text is read; default 2. */
  playTimes?: number;
  timeoutMs?: number;
}

export const DEFAULT_VOICE_PARAMS = ['ref', 'severity', 'unit', 'role'];

type ClientClass = typeof OpenApiModule.default;

/** Alibaba Cloud's client is loaded on the first call, not at start (most servers never call). */
async function loadSdk() {
  const [openApi, { RuntimeOptions }] = await Promise.all([import('@alicloud/openapi-core'), import('@darabonba/typescript')]);
  const module = openApi.default;
  const Client: ClientClass = module.default ?? (module as unknown as ClientClass);
  return { Client, util: openApi.$OpenApiUtil, RuntimeOptions };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export class AliyunVoiceAdapter implements ChannelAdapter {
  readonly provider = 'aliyun' as const;
  private sdk?: Promise<{ sdk: Sdk; client: InstanceType<ClientClass> }>;
  private readonly endpoint: { host: string; protocol: 'http' | 'https' };
  private readonly timeoutMs: number;

  constructor(private readonly config: AliyunVoiceConfig) {
    for (const key of ['accessKeyId', 'accessKeySecret', 'calledShowNumber', 'ttsCode'] as const) {
      if (!config[key]) throw new Error(`Aliyun voice: ${key} is required`);
    }
    const endpoint = config.endpoint ?? 'dyvmsapi.aliyuncs.com';
    const url = endpoint.includes('://') ? new URL(endpoint) : null;
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.endpoint = { host: url ? url.host : endpoint.replace(/\/+$/, ''), protocol: url?.protocol === 'http:' ? 'http' : 'https' };
  }

  private client() {
    this.sdk ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.Client(
        new sdk.util.Config({ accessKeyId: this.config.accessKeyId, accessKeySecret: this.config.accessKeySecret, endpoint: this.endpoint.host, protocol: this.endpoint.protocol, regionId: 'cn-hangzhou' }),
      ),
    }));
    return this.sdk;
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    const names = this.config.templateParamNames ?? DEFAULT_VOICE_PARAMS;
    const missing = names.filter((n) => message.templateParams[n] === undefined);
    if (missing.length) return { ok: false, temporary: false, reason: `aliyun voice: template parameter(s) ${missing.join(', ')} not provided by the message` };
    const query = {
      CalledShowNumber: this.config.calledShowNumber,
      CalledNumber: aliyunPhoneNumber(contact.address),
      TtsCode: this.config.ttsCode,
      TtsParam: JSON.stringify(Object.fromEntries(names.map((n) => [n, message.templateParams[n]!]))),
      PlayTimes: String(this.config.playTimes ?? 2),
      OutId: message.deliveryId,
    };
    const { sdk, client } = await this.client();
    const params = new sdk.util.Params({
      action: 'SingleCallByTts',
      version: '2017-05-25',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const runtime = new sdk.RuntimeOptions({ autoretry: false, connectTimeout: Math.min(5_000, this.timeoutMs), readTimeout: this.timeoutMs });
    let body: { Code?: string; Message?: string; CallId?: string } | undefined;
    try {
      body = (await client.callApi(params, new sdk.util.OpenApiRequest({ query }), runtime)).body as typeof body;
    } catch (err) {
      const e = err as { code?: string; statusCode?: number; data?: { Message?: string }; message?: string };
      if (e?.statusCode && e.code) return classifyAliyunCode(e.code, e.data?.Message, e.statusCode);
      if (e?.code && /^E[A-Z_]+$/.test(e.code)) return { ok: false, temporary: true, reason: `network: ${e.code}` };
      return { ok: false, temporary: true, reason: `aliyun voice: ${e?.message && /timeout/i.test(e.message) ? 'timeout' : 'error'}` };
    }
    if (body?.Code === 'OK') return { ok: true, providerMessageId: body.CallId };
    return classifyAliyunCode(body?.Code ?? 'missing Code', body?.Message);
  }
}
