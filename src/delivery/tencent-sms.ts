/**
 * Tencent Cloud SMS (sms 2021-01-11, SendSms) through Tencent Cloud's own SDK, which signs every
 * request with TC3-HMAC-SHA256 (API 3.0 signature v3).
 *
 * Tencent answers HTTP 200 for nearly everything: a call-level error comes as
 * `Response.Error.Code` (the SDK throws it), and a call that succeeds can still carry a non-"Ok"
 * status for the number in `SendStatusSet` (blacklisted, daily limit...). Both are classified here.
 * The SDK uses node:http (node-fetch), so this adapter runs on the Node servers, not on Workers.
 *
 * The SDK derives the signing service from the endpoint's first label ("sms" in
 * sms.tencentcloudapi.com) and signs the host without its port, so an endpoint override must be a
 * host name that starts with "sms."; to send elsewhere (an egress proxy, a test receiver), keep the
 * host and pass an `agent` that routes the connection.
 */
import type { Agent } from 'node:http';
import type { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { ChannelAdapter, ContactPoint, OutboundMessage, SendResult } from './channel.js';

type SmsClient = InstanceType<typeof sms.v20210111.Client>;
type SendSmsRequest = Parameters<SmsClient['SendSms']>[0];
type SendSmsResponse = Awaited<ReturnType<SmsClient['SendSms']>>;

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (短信应用 ID), e.g. 1400006666. */
  smsSdkAppId: string;
  /** The approved signature text (签名内容, not its id). */
  signName: string;
  /** The approved template id. */
  templateId: string;
  /** Default ap-guangzhou. */
  region?: string;
  /** Host or URL of the API: default https://sms.tencentcloudapi.com. The host must start with "sms.". */
  endpoint?: string;
  /**
   * The template's variables {1}, {2}, ... in order, by name from `message.templateParams`
   * (Tencent requires exactly as many as the template has). Default: ref, severity, unit, role, due, link.
   */
  templateParamNames?: string[];
  /** Per-request limit; default 10 s. */
  timeoutMs?: number;
  /** Routes connections (an egress proxy agent; tests point it at a local receiver). */
  agent?: Agent;
}

/** What every Tencent Cloud client of ours is built with: TC3 signing, POST, our timeout and agent. */
export function tencentClientOptions(
  config: { secretId: string; secretKey: string; region?: string; agent?: Agent },
  endpoint: { host: string; protocol: string },
  timeoutMs: number,
) {
  return {
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region ?? 'ap-guangzhou',
    profile: {
      signMethod: 'TC3-HMAC-SHA256' as const,
      httpProfile: { endpoint: endpoint.host, protocol: endpoint.protocol, reqMethod: 'POST' as const, reqTimeout: Math.ceil(timeoutMs / 1000), agent: config.agent },
    },
  };
}

export const DEFAULT_TENCENT_TEMPLATE_PARAMS = ['ref', 'severity', 'unit', 'role', 'due', 'link'];

export class TencentSmsAdapter implements ChannelAdapter {
  readonly provider = 'tencent' as const;
  /** The SDK takes ~0.2 s to load: only a server that sends Tencent SMS loads it, on its first message. */
  private client?: Promise<SmsClient>;
  private readonly endpoint: { protocol: string; host: string };
  private readonly timeoutMs: number;

  constructor(private readonly config: TencentSmsConfig) {
    for (const key of ['secretId', 'secretKey', 'smsSdkAppId', 'signName', 'templateId'] as const) {
      if (!config[key]) throw new Error(`Tencent SMS: ${key} is required`);
    }
    const { protocol, host } = parseEndpoint(config.endpoint ?? 'sms.tencentcloudapi.com');
    if (!host.startsWith('sms.')) {
      throw new Error(`Tencent SMS: endpoint host must start with "sms." (the SDK signs for the service named by its first label), got ${host}`);
    }
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.endpoint = { protocol, host };
  }

  private smsClient(): Promise<SmsClient> {
    const { config, endpoint, timeoutMs } = this;
    this.client ??= import('tencentcloud-sdk-nodejs-sms').then(
      ({ sms }) =>
        new sms.v20210111.Client(tencentClientOptions(config, endpoint, timeoutMs)),
    );
    return this.client;
  }

  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    const names = this.config.templateParamNames ?? DEFAULT_TENCENT_TEMPLATE_PARAMS;
    const missing = names.filter((n) => message.templateParams[n] === undefined);
    if (missing.length) return { ok: false, temporary: false, reason: `tencent: template parameter(s) ${missing.join(', ')} not provided by the message` };
    const request: SendSmsRequest = {
      PhoneNumberSet: [tencentPhoneNumber(contact.address)],
      SmsSdkAppId: this.config.smsSdkAppId,
      SignName: this.config.signName,
      TemplateId: this.config.templateId,
      TemplateParamSet: names.map((n) => message.templateParams[n]!),
      // Returned in status callbacks: ties the SMS to our delivery row.
      SessionContext: message.deliveryId,
    };
    const client = await this.smsClient();
    let response: SendSmsResponse;
    try {
      response = (await client.request('SendSms', request, { signal: AbortSignal.timeout(this.timeoutMs) })) as SendSmsResponse;
    } catch (err) {
      return fromSdkError(err);
    }
    const status = response.SendStatusSet?.[0];
    if (!status) return { ok: false, temporary: true, reason: 'tencent: answer without SendStatusSet' };
    if (status.Code === 'Ok') return { ok: true, providerMessageId: status.SerialNo };
    return classifyTencentCode(status.Code ?? 'missing Code', status.Message);
  }
}

/** Tencent SMS error codes (call-level and per-number), sorted into retry-worthy or not. */
export function classifyTencentCode(code: string, providerMessage?: string): SendResult {
  const base = `tencent ${code}${providerMessage ? `: ${redact(providerMessage)}` : ''}`;
  if (code.startsWith('LimitExceeded.PhoneNumber') && /Daily|OneHour|ThirtySecond|SameContent/.test(code)) {
    // Frequency limits per number: they lift by themselves, the daily one only the next day.
    const when = code.includes('Daily') ? 'the next day' : 'after a while';
    return { ok: false, temporary: true, reason: `${base} — per-number limit, lifts ${when}; other channels should carry this alert` };
  }
  if (TEMPORARY.some((p) => code === p || code.startsWith(`${p}.`))) return { ok: false, temporary: true, reason: base };
  if (PERMANENT.some((p) => code === p || code.startsWith(`${p}.`))) return { ok: false, temporary: false, reason: base };
  // An unknown code: retrying a few times with backoff costs less than a lost alert.
  return { ok: false, temporary: true, reason: `${base} (unrecognised code, retrying)` };
}

const TEMPORARY = [
  'InternalError',
  'LimitExceeded',
  'RequestLimitExceeded',
  'ResourceInsufficient',
  'ResourceUnavailable',
  'FailedOperation.InsufficientBalanceInSmsPackage', // package used up: retried while someone tops up
];

const PERMANENT = [
  'AuthFailure', // SignatureFailure, SignatureExpire, SecretIdNotFound, InvalidSecretId, UnauthorizedOperation
  'UnauthorizedOperation',
  'InvalidParameter',
  'InvalidParameterValue', // IncorrectPhoneNumber, TemplateParameterFormatError, ...
  'MissingParameter',
  'UnknownParameter',
  'UnsupportedOperation',
  'ResourceNotFound',
  'InvalidAction',
  'FailedOperation', // PhoneNumberInBlacklist, SignatureIncorrectOrUnapproved, TemplateIncorrectOrUnapproved, ...
];

function fromSdkError(err: unknown): SendResult {
  const e = err as { code?: string; httpCode?: number; message?: string };
  if (e?.code) return classifyTencentCode(e.code, e.message);
  if (e?.httpCode) return { ok: false, temporary: e.httpCode >= 500 || e.httpCode === 429 || e.httpCode === 408, reason: `tencent HTTP ${e.httpCode}` };
  // Network failures: the SDK wraps node-fetch's message ("request to URL failed, reason: connect ECONNREFUSED ...").
  const message = e?.message ?? String(err);
  const sys = /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|EPROTO)\b/.exec(message)?.[1];
  if (sys) return { ok: false, temporary: true, reason: `network: ${sys}` };
  if (/abort|timeout/i.test(message)) return { ok: false, temporary: true, reason: 'network: timeout' };
  if (/JSON|Unexpected token/i.test(message)) return { ok: false, temporary: true, reason: 'tencent: unreadable answer (gateway error page?)' };
  return { ok: false, temporary: true, reason: `tencent: ${redact(message)}` };
}

/** E.164 with "+": mainland 11-digit numbers get +86. */
export function tencentPhoneNumber(address: string): string {
  const n = address.replace(/[\s()-]/g, '');
  const mainland = /^(?:\+|00)?86(1\d{10})$/.exec(n) ?? /^(1\d{10})$/.exec(n);
  if (mainland) return `+86${mainland[1]}`;
  if (n.startsWith('00')) return `+${n.slice(2)}`;
  return n;
}

function parseEndpoint(endpoint: string): { protocol: 'http://' | 'https://'; host: string } {
  if (!endpoint.includes('://')) return { protocol: 'https://', host: endpoint.replace(/\/+$/, '') };
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Tencent SMS: unsupported endpoint protocol ${url.protocol}`);
  return { protocol: url.protocol === 'http:' ? 'http://' : 'https://', host: url.host };
}

/** Provider messages may quote numbers; keep reasons free of full phone numbers and cap their length. */
function redact(text: string): string {
  return text.replace(/\+?\d{7,}/g, (d) => `${d.slice(0, 3)}****${d.slice(-2)}`).slice(0, 200);
}
