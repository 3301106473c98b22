/**
 * Tencent Cloud SMS adapter against a local receiver that checks the TC3-HMAC-SHA256 signature
 * (API 3.0 signature v3) as Tencent documents it, independently of the SDK, and answers as
 * sms 2021-01-11 SendSms does (HTTP 200 with Response.Error, or per-number SendStatusSet codes).
 *
 * The SDK signs for the service named by the endpoint's first label and for the host without its
 * port, so the adapter keeps the real host name (sms.tencentcloudapi.com) and the test routes the
 * connection to 127.0.0.1 with an http.Agent: the request is exactly the one Tencent would get.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TencentSmsAdapter, classifyTencentCode, tencentPhoneNumber, type TencentSmsConfig } from '../../src/delivery/tencent-sms.js';
import { closedPort, contact, json, sampleMessage, startReceiver, type Receiver } from './receiver.js';

const SECRET_ID = 'AKIDtestSecretId0000000000000000';
const SECRET_KEY = 'testSecretKey-密钥-0123456789';
const HOST = 'sms.tencentcloudapi.com';

type Mode =
  | { kind: 'ok' }
  | { kind: 'status'; code: string; message: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'html'; status: number }
  | { kind: 'hang' };

let receiver: Receiver;
let mode: Mode = { kind: 'ok' };
let accepted: { body: Record<string, unknown>; headers: IncomingMessage['headers'] }[] = [];
let rejected: string[] = [];

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Verifies TC3-HMAC-SHA256 as documented; returns the Response.Error code to answer, or null. */
function verifyTc3(req: IncomingMessage, body: Buffer): { code: string; message: string } | null {
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? '',
  );
  if (!auth) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization is invalid.' };
  const [, secretId, date, service, signedHeaderList, signature] = auth as unknown as [string, string, string, string, string, string];
  if (secretId !== SECRET_ID) return { code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found.' };
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
    return { code: 'AuthFailure.SignatureExpire', message: 'Signature expired.' };
  }
  // The credential scope: the UTC date of X-TC-Timestamp, this service, tc3_request.
  if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10) || service !== 'sms') {
    return { code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated: credential scope mismatch.' };
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host') || [...signedHeaders].sort().join(';') !== signedHeaderList) {
    return { code: 'AuthFailure.SignatureFailure', message: 'SignedHeaders must include content-type and host, sorted.' };
  }
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  // Header names and values in lower case, trimmed, "key:value\n", in SignedHeaders order.
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = [req.method, url.pathname, url.search.slice(1), canonicalHeaders, signedHeaderList, sha256(body)].join('\n');
  const credentialScope = `${date}/${service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), credentialScope, sha256(canonicalRequest)].join('\n');
  const secretDate = hmac(`TC3${SECRET_KEY}`, date);
  const secretService = hmac(secretDate, service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const expected = hmac(secretSigning, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return { code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated. Please check your signature is correct.' };
  }
  if (req.headers['x-tc-action'] !== 'SendSms') return { code: 'InvalidAction', message: 'The action is not supported.' };
  if (req.headers['x-tc-version'] !== '2021-01-11') return { code: 'NoSuchVersion', message: 'The API version is not supported.' };
  if (!req.headers['x-tc-region']) return { code: 'MissingParameter', message: 'X-TC-Region is required.' };
  return null;
}

beforeAll(async () => {
  receiver = await startReceiver(async (req, raw, res) => {
    const RequestId = crypto.randomUUID();
    if (req.headers.host !== HOST) return json(res, 200, { Response: { Error: { Code: 'InvalidParameter', Message: `unknown host ${req.headers.host}` }, RequestId } });
    const error = verifyTc3(req, raw);
    if (error) {
      rejected.push(error.code);
      return json(res, 200, { Response: { Error: { Code: error.code, Message: error.message }, RequestId } });
    }
    const body = JSON.parse(raw.toString('utf8')) as { PhoneNumberSet: string[]; SessionContext?: string };
    accepted.push({ body, headers: req.headers });
    const status = (Code: string, Message: string) =>
      body.PhoneNumberSet.map((PhoneNumber) => ({ SerialNo: Code === 'Ok' ? '2028:f825e6b16e23f73f4123' : '', PhoneNumber, Fee: Code === 'Ok' ? 1 : 0, SessionContext: body.SessionContext ?? '', Code, Message, IsoCode: 'CN' }));
    switch (mode.kind) {
      case 'ok':
        return json(res, 200, { Response: { SendStatusSet: status('Ok', 'send success'), RequestId } });
      case 'status':
        return json(res, 200, { Response: { SendStatusSet: status(mode.code, mode.message), RequestId } });
      case 'error':
        return json(res, 200, { Response: { Error: { Code: mode.code, Message: mode.message }, RequestId } });
      case 'html':
        res.writeHead(mode.status, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      case 'hang':
        return;
    }
  });
});
afterAll(async () => receiver?.close());
beforeEach(() => {
  mode = { kind: 'ok' };
  accepted = [];
  rejected = [];
});

/** Connections for sms.tencentcloudapi.com go to 127.0.0.1:port (the receiver, or a closed port). */
function routeTo(port: number): Agent {
  const agent = new Agent({ keepAlive: false });
  agent.createConnection = () => connect({ host: '127.0.0.1', port });
  return agent;
}

function adapter(overrides: Partial<TencentSmsConfig> = {}) {
  return new TencentSmsAdapter({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    smsSdkAppId: '1400787878',
    signName: '联防平台',
    templateId: '1110011',
    endpoint: `http://${HOST}`,
    agent: routeTo(receiver.port),
    ...overrides,
  });
}

const phone = contact('tencent', '13900000001');

describe('Tencent SMS adapter', () => {
  it('sends a TC3-signed SendSms that the receiver accepts, with number, app, sign, template and Chinese parameters intact', async () => {
    const message = sampleMessage();
    const result = await adapter().send(message, phone);
    expect(rejected).toEqual([]);
    expect(result).toEqual({ ok: true, providerMessageId: '2028:f825e6b16e23f73f4123' });
    expect(accepted).toHaveLength(1);
    const { body, headers } = accepted[0]!;
    expect(body).toEqual({
      PhoneNumberSet: ['+8613900000001'],
      SmsSdkAppId: '1400787878',
      SignName: '联防平台',
      TemplateId: '1110011',
      TemplateParamSet: ['XY-2026-007', '重大', '总工会', '配合', '11-23 09:30', message.templateParams.link],
      SessionContext: 'dlv-0001',
    });
    expect(headers['x-tc-region']).toBe('ap-guangzhou');
    expect(headers.authorization).toContain(`Credential=${SECRET_ID}/`);
    expect(JSON.stringify(headers)).not.toContain(SECRET_KEY);
  });

  it('orders template parameters as configured, and refuses a name the message lacks', async () => {
    expect((await adapter({ templateParamNames: ['unit', 'link'] }).send(sampleMessage(), phone)).ok).toBe(true);
    expect(accepted[0]!.body.TemplateParamSet).toEqual(['总工会', sampleMessage().templateParams.link]);
    expect(await adapter({ templateParamNames: ['unit', 'nope'] }).send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: false });
  });

  it('a wrong SecretKey is rejected by the receiver: AuthFailure.SignatureFailure, permanent', async () => {
    const result = await adapter({ secretKey: `${SECRET_KEY}x` }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(!result.ok && result.reason).toContain('AuthFailure.SignatureFailure');
    expect(!result.ok && result.reason).not.toContain(SECRET_KEY);
    expect(rejected).toEqual(['AuthFailure.SignatureFailure']);
    expect(accepted).toEqual([]);
  });

  it('an unknown SecretId: AuthFailure.SecretIdNotFound, permanent', async () => {
    const result = await adapter({ secretId: 'AKIDsomeoneElse' }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(!result.ok && result.reason).toContain('AuthFailure.SecretIdNotFound');
  });

  it('the receiver checks what the signature covers: a changed body is refused', async () => {
    await adapter().send(sampleMessage(), phone);
    const { headers, body } = accepted[0]!;
    const replay = Object.fromEntries(Object.entries(headers).filter(([k]) => !['content-length', 'connection', 'host'].includes(k))) as Record<string, string>;
    const tampered = await new Promise<string>((resolve, reject) => {
      // Replays the signed headers with another number, over the same routed connection.
      const payload = JSON.stringify({ ...body, PhoneNumberSet: ['+8613900000002'] });
      const request = httpRequest(
        { host: HOST, path: '/', method: 'POST', agent: routeTo(receiver.port), headers: { ...replay, host: HOST, 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c));
          res.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
    expect(JSON.parse(tampered).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });

  it('a per-number LimitExceeded.PhoneNumberDailyLimit in a successful call is temporary, and says it lifts the next day', async () => {
    mode = { kind: 'status', code: 'LimitExceeded.PhoneNumberDailyLimit', message: '单个手机号日下发短信条数超过设定的上限' };
    const result = await adapter().send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toMatch(/LimitExceeded\.PhoneNumberDailyLimit.*next day/);
  });

  it('a per-number FailedOperation.PhoneNumberInBlacklist is permanent (not gone)', async () => {
    mode = { kind: 'status', code: 'FailedOperation.PhoneNumberInBlacklist', message: '手机号在免打扰名单库中' };
    const result = await adapter().send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(result).not.toHaveProperty('gone', true);
  });

  it('InvalidParameterValue.IncorrectPhoneNumber is permanent, per number or for the call, and the number stays out of the reason', async () => {
    mode = { kind: 'status', code: 'InvalidParameterValue.IncorrectPhoneNumber', message: '手机号格式错误 +8613900000001' };
    const perNumber = await adapter().send(sampleMessage(), phone);
    expect(perNumber).toMatchObject({ ok: false, temporary: false });
    expect(!perNumber.ok && perNumber.reason).not.toContain('13900000001');
    mode = { kind: 'error', code: 'InvalidParameterValue.IncorrectPhoneNumber', message: '手机号格式错误' };
    expect(await adapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: false });
  });

  it('InternalError.* and a 502 page are temporary', async () => {
    mode = { kind: 'error', code: 'InternalError.Timeout', message: '请求下发短信超时' };
    const internal = await adapter().send(sampleMessage(), phone);
    expect(internal).toMatchObject({ ok: false, temporary: true });
    expect(!internal.ok && internal.reason).toContain('InternalError.Timeout');
    mode = { kind: 'html', status: 502 };
    const page = await adapter().send(sampleMessage(), phone);
    expect(page).toMatchObject({ ok: false, temporary: true });
    expect(!page.ok && page.reason).toContain('502');
  });

  it('a closed port is a temporary network failure', async () => {
    const result = await adapter({ agent: routeTo(await closedPort()) }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toContain('ECONNREFUSED');
  });

  it('a receiver that never answers times out as temporary', async () => {
    mode = { kind: 'hang' };
    const started = Date.now();
    expect(await adapter({ timeoutMs: 300 }).send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an endpoint the SDK would sign for the wrong service', () => {
    expect(() => adapter({ endpoint: 'http://127.0.0.1:9000' })).toThrow(/sms\./);
  });
});

describe('Tencent codes and numbers', () => {
  it('classifies codes', () => {
    expect(classifyTencentCode('AuthFailure.SignatureExpire')).toMatchObject({ temporary: false });
    expect(classifyTencentCode('LimitExceeded.PhoneNumberThirtySecondLimit')).toMatchObject({ temporary: true });
    expect(classifyTencentCode('FailedOperation.InsufficientBalanceInSmsPackage')).toMatchObject({ temporary: true });
    expect(classifyTencentCode('FailedOperation.TemplateIncorrectOrUnapproved')).toMatchObject({ temporary: false });
    expect(classifyTencentCode('SomethingNew.Entirely')).toMatchObject({ temporary: true });
  });

  it('writes numbers in E.164', () => {
    expect(tencentPhoneNumber('13900000001')).toBe('+8613900000001');
    expect(tencentPhoneNumber('86 139 0000 0001')).toBe('+8613900000001');
    expect(tencentPhoneNumber('008613900000001')).toBe('+8613900000001');
    expect(tencentPhoneNumber('+85261234567')).toBe('+85261234567');
  });
});
