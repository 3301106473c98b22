/**
 * Builds the SMS and group-robot adapters from the environment (Web Push is built by the server).
 *
 * Aliyun SMS (all four required to enable it):
 *   ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE
 *   ALIYUN_SMS_ENDPOINT        optional, host or URL; default https://dysmsapi.aliyuncs.com
 *   ALIYUN_SMS_TEMPLATE_PARAMS optional, comma-separated variable names to send; default all
 *                              (ref, severity, unit, role, due, link)
 * Tencent Cloud SMS (all five required to enable it):
 *   TENCENT_SMS_SECRET_ID, TENCENT_SMS_SECRET_KEY, TENCENT_SMS_SDK_APP_ID, TENCENT_SMS_SIGN_NAME,
 *   TENCENT_SMS_TEMPLATE_ID
 *   TENCENT_SMS_REGION          optional; default ap-guangzhou
 *   TENCENT_SMS_ENDPOINT        optional, host or URL whose host starts with "sms."; default
 *                               https://sms.tencentcloudapi.com
 *   TENCENT_SMS_TEMPLATE_PARAMS optional, comma-separated names for the template's {1},{2},... in
 *                               order; default ref,severity,unit,role,due,link
 * SMS_PROVIDER=aliyun|tencent  optional: the provider that sends every SMS. A phone contact point
 *   records a provider ('aliyun' by default), but a number is a number: the chosen provider, or the
 *   only configured one, also serves contact points recorded under the other.
 * Group robots (DingTalk, WeCom) need no environment: each unit's webhook and signing secret live on
 * its contact point. Optional, for private deployments: DINGTALK_WEBHOOK_HOSTS, WECOM_WEBHOOK_HOSTS
 * (comma-separated host names a webhook may point at; default oapi.dingtalk.com / qyapi.weixin.qq.com).
 *
 * A provider whose settings are incomplete or invalid is left out with a warning that names the
 * missing variables (never their values): one bad SMS setting must not stop the server.
 */
import { AliyunSmsAdapter } from './aliyun-sms.js';
import { AliyunVoiceAdapter } from './aliyun-voice.js';
import { TencentVoiceAdapter } from './tencent-voice.js';
import type { ChannelAdapter, ContactPoint } from './channel.js';
import { DINGTALK_WEBHOOK_HOSTS, DingTalkRobotAdapter } from './dingtalk-robot.js';
import { TencentSmsAdapter } from './tencent-sms.js';
import { WECOM_WEBHOOK_HOSTS, WeComRobotAdapter } from './wecom-robot.js';
import { logger } from '../observability/logger.js';

type Env = Record<string, string | undefined>;
export type ProviderAdapters = Partial<Record<Exclude<ContactPoint['provider'], 'webpush'> | 'voice', ChannelAdapter>>;

export function createChannelAdapters(rawEnv: Env, warn: (message: string) => void = (m) => logger.warn(m)): ProviderAdapters {
  const env: Env = Object.fromEntries(Object.entries(rawEnv).map(([k, v]) => [k, v?.trim()]));
  const adapters: ProviderAdapters = {
    dingtalk: new DingTalkRobotAdapter({ webhookHosts: list(env.DINGTALK_WEBHOOK_HOSTS) ?? DINGTALK_WEBHOOK_HOSTS }),
    wecom: new WeComRobotAdapter({ webhookHosts: list(env.WECOM_WEBHOOK_HOSTS) ?? WECOM_WEBHOOK_HOSTS }),
  };

  const aliyun = build('Aliyun SMS', env, ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE'], warn, (v) =>
    new AliyunSmsAdapter({
      accessKeyId: v.ALIYUN_SMS_ACCESS_KEY_ID!,
      accessKeySecret: v.ALIYUN_SMS_ACCESS_KEY_SECRET!,
      signName: v.ALIYUN_SMS_SIGN_NAME!,
      templateCode: v.ALIYUN_SMS_TEMPLATE_CODE!,
      endpoint: v.ALIYUN_SMS_ENDPOINT || undefined,
      templateParamNames: list(v.ALIYUN_SMS_TEMPLATE_PARAMS),
    }),
  );
  const tencent = build('Tencent SMS', env, ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'], warn, (v) =>
    new TencentSmsAdapter({
      secretId: v.TENCENT_SMS_SECRET_ID!,
      secretKey: v.TENCENT_SMS_SECRET_KEY!,
      smsSdkAppId: v.TENCENT_SMS_SDK_APP_ID!,
      signName: v.TENCENT_SMS_SIGN_NAME!,
      templateId: v.TENCENT_SMS_TEMPLATE_ID!,
      region: v.TENCENT_SMS_REGION || undefined,
      endpoint: v.TENCENT_SMS_ENDPOINT || undefined,
      templateParamNames: list(v.TENCENT_SMS_TEMPLATE_PARAMS),
    }),
  );

  const choice = env.SMS_PROVIDER?.toLowerCase() || undefined;
  if (choice && choice !== 'aliyun' && choice !== 'tencent') warn(`SMS_PROVIDER=${choice} is not aliyun or tencent; ignored`);
  const preferred = choice === 'aliyun' ? aliyun : choice === 'tencent' ? tencent : undefined;
  if (choice && (choice === 'aliyun' || choice === 'tencent') && !preferred) warn(`SMS_PROVIDER=${choice} but ${choice} SMS is not configured`);
  const fallback = preferred ?? aliyun ?? tencent;
  if (fallback) {
    adapters.aliyun = preferred ?? aliyun ?? fallback;
    adapters.tencent = preferred ?? tencent ?? fallback;
  }
  const voice = createVoiceAdapter(env, warn);
  if (voice) adapters.voice = voice;
  return adapters;
}

/**
 * The voice call channel (a text-to-speech call to the person on duty), one provider:
 *   VOICE_PROVIDER=aliyun|tencent (default: the only one configured)
 * Aliyun 语音服务 (SingleCallByTts; no key presses reported):
 *   ALIYUN_VOICE_ACCESS_KEY_ID, ALIYUN_VOICE_ACCESS_KEY_SECRET, ALIYUN_VOICE_CALLED_SHOW_NUMBER,
 *   ALIYUN_VOICE_TTS_CODE; optional ALIYUN_VOICE_ENDPOINT (default dyvmsapi.aliyuncs.com),
 *   VOICE_TEMPLATE_PARAMS (default ref,severity,unit,role)
 * Tencent Cloud 语音消息 (SendTtsVoice; key 1 acknowledges through the callback):
 *   TENCENT_VOICE_SECRET_ID, TENCENT_VOICE_SECRET_KEY, TENCENT_VOICE_SDK_APP_ID,
 *   TENCENT_VOICE_TEMPLATE_ID, VOICE_CALLBACK_SECRET (≥ 32 characters); optional
 *   TENCENT_VOICE_ENDPOINT (host starting with "vms."), TENCENT_VOICE_REGION
 */
function createVoiceAdapter(env: Env, warn: (m: string) => void): ChannelAdapter | undefined {
  const params = list(env.VOICE_TEMPLATE_PARAMS);
  const aliyun = build('Aliyun voice', env, ['ALIYUN_VOICE_ACCESS_KEY_ID', 'ALIYUN_VOICE_ACCESS_KEY_SECRET', 'ALIYUN_VOICE_CALLED_SHOW_NUMBER', 'ALIYUN_VOICE_TTS_CODE'], warn, (v) =>
    new AliyunVoiceAdapter({
      accessKeyId: v.ALIYUN_VOICE_ACCESS_KEY_ID!,
      accessKeySecret: v.ALIYUN_VOICE_ACCESS_KEY_SECRET!,
      calledShowNumber: v.ALIYUN_VOICE_CALLED_SHOW_NUMBER!,
      ttsCode: v.ALIYUN_VOICE_TTS_CODE!,
      endpoint: v.ALIYUN_VOICE_ENDPOINT || undefined,
      templateParamNames: params,
    }),
  );
  const tencent = build('Tencent voice', env, ['TENCENT_VOICE_SECRET_ID', 'TENCENT_VOICE_SECRET_KEY', 'TENCENT_VOICE_SDK_APP_ID', 'TENCENT_VOICE_TEMPLATE_ID', 'VOICE_CALLBACK_SECRET'], warn, (v) =>
    new TencentVoiceAdapter({
      secretId: v.TENCENT_VOICE_SECRET_ID!,
      secretKey: v.TENCENT_VOICE_SECRET_KEY!,
      voiceSdkAppId: v.TENCENT_VOICE_SDK_APP_ID!,
      templateId: v.TENCENT_VOICE_TEMPLATE_ID!,
      callbackSecret: v.VOICE_CALLBACK_SECRET!,
      endpoint: v.TENCENT_VOICE_ENDPOINT || undefined,
      region: v.TENCENT_VOICE_REGION || undefined,
      templateParamNames: params,
    }),
  );
  const choice = env.VOICE_PROVIDER?.toLowerCase() || undefined;
  if (choice === 'aliyun') return aliyun ?? (warn('VOICE_PROVIDER=aliyun but Aliyun voice is not configured'), undefined);
  if (choice === 'tencent') return tencent ?? (warn('VOICE_PROVIDER=tencent but Tencent voice is not configured'), undefined);
  if (choice) warn(`VOICE_PROVIDER=${choice} is not aliyun or tencent; ignored`);
  return tencent ?? aliyun;
}

function build<T>(name: string, env: Env, required: string[], warn: (m: string) => void, make: (env: Env) => T): T | undefined {
  const missing = required.filter((k) => !env[k]);
  if (missing.length === required.length) return undefined;
  if (missing.length) {
    warn(`${name} disabled: ${missing.join(', ')} not set`);
    return undefined;
  }
  try {
    return make(env);
  } catch (err) {
    warn(`${name} disabled: ${(err as Error).message}`);
    return undefined;
  }
}

function list(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((s) => s.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}
