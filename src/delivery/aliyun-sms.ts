/**
 * Aliyun SMS (dysmsapi 2017-05-25, SendSms) through Alibaba Cloud's own SDK, which signs every
 * request with the V3 scheme (ACS3-HMAC-SHA256 over a canonical request in the Authorization header).
 *
 * Aliyun answers business errors with HTTP 200 and a `Code` other than "OK" (rate limits, bad
 * numbers, unapproved templates); its gateway answers authentication errors and throttling with
 * HTTP 4xx/5xx, which the SDK throws. The SDK uses node:http, so this adapter runs on the Node
 * servers (where the dispatcher runs), not on Workers.
 */
import type DysmsapiModule from '@alicloud/dysmsapi20170525';
import type { ChannelAdapter, ContactPoint, OutboundMessage, SendResult } from './channel.js';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (签名), e.g. 联防平台. */
  signName: string;
  /** The approved template (模板) code, e.g. SMS_123456789. */
  templateCode: string;
  /**
   * Host or URL of the API: default https://dysmsapi.aliyuncs.com. A bare host means https; a
   * URL may say http:// (tests, a private gateway).
   */
  endpoint?: string;
  /** Template variables to send, by name; default every entry of `message.templateParams`. */
  templateParamNames?: string[];
  /** Per-request limit; default 10 s. */
  timeoutMs?: number;
}

type ClientClass = typeof DysmsapiModule.default;

/** The SDK takes ~0.5 s to load: only a server that sends Aliyun SMS loads it, on its first message. */
async function loadSdk() {
  const [dysmsapi, { $OpenApiUtil }, { RuntimeOptions }] = await Promise.all([import('@alicloud/dysmsapi20170525'), import('@alicloud/openapi-core'), import('@darabonba/typescript')]);
  // The package is CommonJS with `exports.default = Client`: Node's ESM default import is module.exports.
  const module = dysmsapi.default;
  const Client: ClientClass = module.default ?? (module as unknown as ClientClass);
  return { Client, SendSmsRequest: dysmsapi.SendSmsRequest, Config: $OpenApiUtil.Config, RuntimeOptions };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export class AliyunSmsAdapter implements ChannelAdapter {
  readonly provider = 'aliyun' as const;
  private sdk?: Promise<{ sdk: Sdk; client: InstanceType<ClientClass> }>;
  private readonly endpoint: { protocol: 'http' | 'https'; host: string };
  private readonly timeoutMs: number;

  constructor(private readonly config: AliyunSmsConfig) {
    for (const key of ['accessKeyId', 'accessKeySecret', 'signName', 'templateCode'] as const) {
      if (!config[key]) throw new Error(`Aliyun SMS: ${key} is required`);
    }
    this.endpoint = parseEndpoint(config.endpoint ?? 'dysmsapi.aliyuncs.com');
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  private client() {
    this.sdk ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.Client(
        new sdk.Config({
          accessKeyId: this.config.accessKeyId,
          accessKeySecret: this.config.accessKeySecret,
          endpoint: this.endpoint.host,
          protocol: this.endpoint.protocol,
          regionId: 'cn-hangzhou',
        }),
      ),
    }));
    return this.sdk;
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    let templateParam: string;
    try {
      templateParam = JSON.stringify(pickParams(message.templateParams, this.config.templateParamNames));
    } catch (err) {
      return { ok: false, temporary: false, reason: `aliyun: ${(err as Error).message}` };
    }
    const { sdk, client } = await this.client();
    const request = new sdk.SendSmsRequest({
      phoneNumbers: aliyunPhoneNumber(contact.address),
      signName: this.config.signName,
      templateCode: this.config.templateCode,
      templateParam,
      // Comes back in delivery receipts: ties the SMS to our delivery row.
      outId: message.deliveryId,
    });
    // No SDK retries: the dispatcher retries with backoff and records each attempt.
    const runtime = new sdk.RuntimeOptions({
      autoretry: false,
      connectTimeout: Math.min(5_000, this.timeoutMs),
      readTimeout: this.timeoutMs,
    });
    let body: { code?: string; message?: string; bizId?: string } | undefined;
    try {
      body = (await client.sendSmsWithOptions(request, runtime)).body;
    } catch (err) {
      return fromSdkError(err);
    }
    if (body?.code === 'OK') return { ok: true, providerMessageId: body.bizId };
    return classifyAliyunCode(body?.code ?? 'missing Code', body?.message);
  }
}

/** Aliyun's SendSms codes (短信服务错误码) and gateway codes, sorted into retry-worthy or not. */
export function classifyAliyunCode(code: string, providerMessage?: string, status?: number): SendResult {
  const reason = `aliyun ${code}${status ? ` (HTTP ${status})` : ''}${providerMessage ? `: ${redact(providerMessage)}` : ''}`;
  const explained = EXPLAIN[code];
  const full = explained ? `${reason} — ${explained}` : reason;
  if (PERMANENT.has(code)) return { ok: false, temporary: false, reason: full };
  if (TEMPORARY.has(code) || /^(isp\.|Throttling|ServiceUnavailable|InternalError)/.test(code) || (status ?? 0) >= 500) {
    return { ok: false, temporary: true, reason: full };
  }
  // Other isv.* codes are the request's own fault (number, template, signature, parameters).
  if (code.startsWith('isv.') || /^(SignatureDoesNotMatch|InvalidAccessKeyId|IncompleteSignature|Forbidden|InvalidParameter|MissingParameter|InvalidTimeStamp)/.test(code)) {
    return { ok: false, temporary: false, reason: full };
  }
  // An unknown code: retrying a few times with backoff costs less than a lost alert.
  return { ok: false, temporary: true, reason: `${full} (unrecognised code, retrying)` };
}

const TEMPORARY = new Set([
  'isv.BUSINESS_LIMIT_CONTROL', // per-number rate limit (1/min, 5/h, 10/day by default)
  'isv.DAY_LIMIT_CONTROL', // account's daily limit
  'isv.AMOUNT_NOT_ENOUGH', // balance exhausted: retried while someone tops up
  'isv.OUT_OF_SERVICE', // account suspended for arrears
  'isp.SYSTEM_ERROR',
  'SignatureNonceUsed', // a replayed nonce: a fresh attempt has a new one
]);

const PERMANENT = new Set([
  'isp.RAM_PERMISSION_DENY', // the key lacks dysms permission: an operator must grant it
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
]);

const EXPLAIN: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': 'rate limited for this number',
  'isv.DAY_LIMIT_CONTROL': 'daily limit reached',
  'isv.AMOUNT_NOT_ENOUGH': 'account balance exhausted',
  'isv.MOBILE_NUMBER_ILLEGAL': 'invalid phone number',
  SignatureDoesNotMatch: 'check ALIYUN_SMS_ACCESS_KEY_SECRET',
  'InvalidAccessKeyId.NotFound': 'check ALIYUN_SMS_ACCESS_KEY_ID',
};

function fromSdkError(err: unknown): SendResult {
  const e = err as { name?: string; code?: string; statusCode?: number; data?: { Message?: string }; message?: string };
  if (e?.statusCode && e.code && e.code !== 'undefined') return classifyAliyunCode(e.code, e.data?.Message, e.statusCode);
  if (e?.statusCode) return { ok: false, temporary: e.statusCode >= 500 || e.statusCode === 429, reason: `aliyun HTTP ${e.statusCode}` };
  // Connection errors carry a code; the SDK's message quotes the whole URL, phone number included.
  if (e?.code && /^E[A-Z_]+$/.test(e.code)) return { ok: false, temporary: true, reason: `network: ${e.code}` };
  if (e?.name === 'SyntaxError') return { ok: false, temporary: true, reason: 'aliyun: unreadable answer (gateway error page?)' };
  return { ok: false, temporary: true, reason: `aliyun: ${e?.name ?? 'error'}${e?.message && /timeout/i.test(e.message) ? ' (timeout)' : ''}` };
}

/** Mainland numbers as 11 digits; others as country code + number without "+" or "00", as Aliyun asks. */
export function aliyunPhoneNumber(address: string): string {
  const n = address.replace(/[\s()-]/g, '');
  const mainland = /^(?:\+|00)?86(1\d{10})$/.exec(n);
  if (mainland) return mainland[1]!;
  if (n.startsWith('+')) return n.slice(1);
  if (n.startsWith('00')) return n.slice(2);
  return n;
}

function pickParams(params: Record<string, string>, names: string[] | undefined): Record<string, string> {
  if (!names) return params;
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = params[name];
    if (value === undefined) throw new Error(`template parameter "${name}" is not provided by the message`);
    picked[name] = value;
  }
  return picked;
}

function parseEndpoint(endpoint: string): { protocol: 'http' | 'https'; host: string } {
  if (!endpoint.includes('://')) return { protocol: 'https', host: endpoint.replace(/\/+$/, '') };
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Aliyun SMS: unsupported endpoint protocol ${url.protocol}`);
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
}

/** Provider messages may quote numbers; keep reasons free of full phone numbers and cap their length. */
function redact(text: string): string {
  // A signature mismatch answer also quotes the server's string to sign: noise in a reason.
  const message = text.split(/\s*server string to sign/i)[0]!;
  return message.replace(/\+?\d{7,}/g, (d) => `${d.slice(0, 3)}****${d.slice(-2)}`).slice(0, 200);
}
