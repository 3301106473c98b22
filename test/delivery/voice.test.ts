/**
 * The voice call adapters against local receivers that check each provider's request signature
 * and answer as SingleCallByTts (Aliyun dyvmsapi) and SendTtsVoice (Tencent vms) do.
 */
import { Agent, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AliyunVoiceAdapter } from '../../src/delivery/aliyun-voice.js';
import { TencentVoiceAdapter } from '../../src/delivery/tencent-voice.js';
import { signVoiceSession, verifyVoiceSession } from '../../src/delivery/voice-session.js';
import { verifyAcs3, verifyTc3 } from './provider-signatures.js';
import { closedPort, json, sampleMessage, startReceiver, type Receiver } from './receiver.js';
import type { ContactPoint } from '../../src/delivery/channel.js';

const ALI_ID = 'LTAI5tVoiceKeyId';
const ALI_SECRET = 'VoiceSecret-语音-0123456789';
const TC_ID = 'AKIDvoiceSecretId000000000000000';
const TC_KEY = 'voiceSecretKey-密钥-0123456789';
const TC_HOST = 'vms.tencentcloudapi.com';
const CALLBACK_SECRET = 'callback-secret-0123456789abcdef';

let aliyun: Receiver;
let tencent: Receiver;
let aliyunAnswer: { Code: string; Message: string } = { Code: 'OK', Message: 'OK' };
let tencentError: { Code: string; Message: string } | null = null;
let accepted: { provider: string; params: Record<string, unknown>; headers: IncomingMessage['headers'] }[] = [];
let rejected: string[] = [];

beforeAll(async () => {
  aliyun = await startReceiver((req, body, res) => {
    const checked = verifyAcs3(req, body, ALI_ID, ALI_SECRET);
    if ('code' in checked) {
      rejected.push(checked.code);
      return json(res, checked.code.startsWith('InvalidAccessKeyId') ? 404 : 400, { RequestId: 'R1', Code: checked.code, Message: 'Specified signature is not matched with our calculation.' });
    }
    if (req.headers['x-acs-action'] !== 'SingleCallByTts' || req.headers['x-acs-version'] !== '2017-05-25') return json(res, 404, { Code: 'InvalidAction.NotFound', Message: 'no such api' });
    accepted.push({ provider: 'aliyun', params: checked.params, headers: req.headers });
    return json(res, 200, { ...aliyunAnswer, RequestId: 'R2', ...(aliyunAnswer.Code === 'OK' ? { CallId: '116012354148^10281378****' } : {}) });
  });
  tencent = await startReceiver((req, body, res) => {
    const RequestId = 'T1';
    const error = verifyTc3(req, body, TC_HOST, 'vms', TC_ID, TC_KEY);
    if (error) {
      rejected.push(error);
      return json(res, 200, { Response: { Error: { Code: error, Message: 'The provided credentials could not be validated.' }, RequestId } });
    }
    if (req.headers['x-tc-action'] !== 'SendTtsVoice' || req.headers['x-tc-version'] !== '2020-09-02') return json(res, 200, { Response: { Error: { Code: 'InvalidAction', Message: 'no' }, RequestId } });
    const params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    accepted.push({ provider: 'tencent', params, headers: req.headers });
    if (tencentError) return json(res, 200, { Response: { Error: tencentError, RequestId } });
    return json(res, 200, { Response: { SendStatus: { CallId: 'be0e9a4f-8a91-4d3a-b5a2-33b8bdd3d1e4', SessionContext: params.SessionContext }, RequestId } });
  });
});
afterAll(async () => {
  await aliyun?.close();
  await tencent?.close();
});
beforeEach(() => {
  aliyunAnswer = { Code: 'OK', Message: 'OK' };
  tencentError = null;
  accepted = [];
  rejected = [];
});

const phone: ContactPoint = { id: 'cp-1', channel: 'sms', provider: 'aliyun', address: '+86 139-0000-0001', secret: {} };

function routeTo(port: number): Agent {
  const agent = new Agent({ keepAlive: false });
  agent.createConnection = () => connect({ host: '127.0.0.1', port });
  return agent;
}

const aliyunAdapter = (o: Partial<ConstructorParameters<typeof AliyunVoiceAdapter>[0]> = {}) =>
  new AliyunVoiceAdapter({ accessKeyId: ALI_ID, accessKeySecret: ALI_SECRET, calledShowNumber: '057100000000', ttsCode: 'TTS_100000001', endpoint: aliyun.url, ...o });
const tencentAdapter = (o: Partial<ConstructorParameters<typeof TencentVoiceAdapter>[0]> = {}) =>
  new TencentVoiceAdapter({ secretId: TC_ID, secretKey: TC_KEY, voiceSdkAppId: '1400000001', templateId: '777001', callbackSecret: CALLBACK_SECRET, endpoint: `http://${TC_HOST}`, agent: routeTo(tencent.port), ...o });

describe('Aliyun voice (SingleCallByTts)', () => {
  it('places a V3-signed call the receiver accepts: number, shown number, template and Chinese parameters intact', async () => {
    const message = sampleMessage();
    const result = await aliyunAdapter().send(message, phone);
    expect(rejected).toEqual([]);
    expect(result).toEqual({ ok: true, providerMessageId: '116012354148^10281378****' });
    const { params } = accepted[0]!;
    expect(params).toMatchObject({ CalledNumber: '13900000001', CalledShowNumber: '057100000000', TtsCode: 'TTS_100000001', OutId: 'dlv-0001', PlayTimes: '2' });
    expect(JSON.parse(params.TtsParam as string)).toEqual({ ref: message.templateParams.ref, severity: message.templateParams.severity, unit: message.templateParams.unit, role: message.templateParams.role });
  });

  it('a wrong secret is refused by the receiver and is permanent; the secret never travels', async () => {
    const result = await aliyunAdapter({ accessKeySecret: `${ALI_SECRET}x` }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(rejected).toEqual(['SignatureDoesNotMatch']);
    expect(accepted).toEqual([]);
  });

  it('a rate limit is temporary, a bad number permanent, a closed port a temporary network failure', async () => {
    aliyunAnswer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' };
    expect(await aliyunAdapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
    aliyunAnswer = { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '号码格式非法' };
    expect(await aliyunAdapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: false });
    const closed = await aliyunAdapter({ endpoint: `http://127.0.0.1:${await closedPort()}` }).send(sampleMessage(), phone);
    expect(closed).toMatchObject({ ok: false, temporary: true });
    expect(!closed.ok && closed.reason).not.toContain('13900000001');
  });
});

describe('Tencent voice (SendTtsVoice)', () => {
  it('places a TC3-signed call whose SessionContext is the delivery signed for the key-press callback', async () => {
    const message = sampleMessage();
    const result = await tencentAdapter().send(message, phone);
    expect(rejected).toEqual([]);
    expect(result).toEqual({ ok: true, providerMessageId: 'be0e9a4f-8a91-4d3a-b5a2-33b8bdd3d1e4' });
    const { params, headers } = accepted[0]!;
    expect(params).toMatchObject({ CalledNumber: '+8613900000001', VoiceSdkAppid: '1400000001', TemplateId: '777001', PlayTimes: 2 });
    expect(params.TemplateParamSet).toEqual([message.templateParams.ref, message.templateParams.severity, message.templateParams.unit, message.templateParams.role]);
    expect(verifyVoiceSession(CALLBACK_SECRET, params.SessionContext as string)).toBe('dlv-0001');
    expect(headers.authorization).toMatch(/\/vms\/tc3_request/);
  });

  it('a wrong key is refused (AuthFailure, permanent); a frequency limit is temporary', async () => {
    expect(await tencentAdapter({ secretKey: `${TC_KEY}x` }).send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: false });
    expect(rejected).toEqual(['AuthFailure.SignatureFailure']);
    tencentError = { Code: 'LimitExceeded.DeliveryFrequencyLimit', Message: '频率限制' };
    expect(await tencentAdapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
  });

  it('a session context is only good for its own delivery and secret', () => {
    const session = signVoiceSession(CALLBACK_SECRET, 'dlv-7');
    expect(verifyVoiceSession(CALLBACK_SECRET, session)).toBe('dlv-7');
    expect(verifyVoiceSession('another-secret-0123456789abcdef', session)).toBeNull();
    expect(verifyVoiceSession(CALLBACK_SECRET, session.replace('dlv-7', 'dlv-8'))).toBeNull();
    expect(verifyVoiceSession(CALLBACK_SECRET, 'dlv-7')).toBeNull();
  });
});
