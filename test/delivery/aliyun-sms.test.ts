/**
 * Aliyun SMS adapter against a local receiver that checks Alibaba Cloud's V3 request signature
 * (ACS3-HMAC-SHA256) as documented, independently of the SDK, and answers as dysmsapi does.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AliyunSmsAdapter, classifyAliyunCode, aliyunPhoneNumber, type AliyunSmsConfig } from '../../src/delivery/aliyun-sms.js';
import { closedPort, contact, json, sampleMessage, startReceiver, type Receiver } from './receiver.js';

const ACCESS_KEY_ID = 'LTAI5tTestKeyId';
const ACCESS_KEY_SECRET = 'TestSecret-对的-0123456789';

/** What the receiver answers once a request is authenticated. */
type Mode =
  | { kind: 'ok' }
  | { kind: 'business'; code: string; message: string }
  | { kind: 'gateway'; status: number; code: string; message: string }
  | { kind: 'html'; status: number }
  | { kind: 'hang' };

interface Accepted {
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  url: string;
}

let receiver: Receiver;
let mode: Mode = { kind: 'ok' };
let accepted: Accepted[] = [];
let rejected: { code: string; message: string }[] = [];
const nonces = new Set<string>();

/** RFC 3986 percent-encoding as the V3 doc asks: unreserved A-Z a-z 0-9 - _ . ~ stay, space is %20. */
function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Checks the V3 signature; returns the gateway error to answer, or the request's parameters. */
function verifyV3(req: IncomingMessage, body: Buffer): { error: { status: number; code: string; message: string } } | { params: Record<string, string> } {
  const fail = (status: number, code: string, message: string) => ({ error: { status, code, message } });
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  const [, keyId, signedHeaderList, signature] = auth as unknown as [string, string, string, string];
  if (keyId !== ACCESS_KEY_ID) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

  const signedHeaders = signedHeaderList.split(';');
  // Every common header present must be signed (all but Authorization), host and the x-acs-* ones.
  const mustSign = Object.keys(req.headers).filter((h) => h === 'host' || h.startsWith('x-acs-'));
  for (const h of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!req.headers[h]) return fail(400, 'MissingParameter', `header ${h} is required`);
  }
  if (mustSign.some((h) => !signedHeaders.includes(h)) || [...signedHeaders].sort().join(';') !== signedHeaderList) {
    return fail(400, 'IncompleteSignature', 'SignedHeaders must list host and every x-acs-* header, sorted.');
  }
  const payloadHash = createHash('sha256').update(body).digest('hex');
  if (req.headers['x-acs-content-sha256'] !== payloadHash) return fail(400, 'SignatureDoesNotMatch', 'x-acs-content-sha256 does not match the body.');

  const url = new URL(req.url ?? '/', 'http://receiver');
  const rawQuery = (req.url ?? '').split('?')[1] ?? '';
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      return [decodeURIComponent(i < 0 ? pair : pair.slice(0, i)), i < 0 ? '' : decodeURIComponent(pair.slice(i + 1))] as [string, string];
    });
  const canonicalQuery = query
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonicalRequest = [req.method, url.pathname, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const expected = createHmac('sha256', ACCESS_KEY_SECRET).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return fail(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
  }
  const date = Date.parse(String(req.headers['x-acs-date']));
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(req.headers['x-acs-date'])) || Math.abs(Date.now() - date) > 15 * 60_000) {
    return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  const nonce = String(req.headers['x-acs-signature-nonce']);
  if (nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  nonces.add(nonce);
  if (req.headers['x-acs-action'] !== 'SendSms' || req.headers['x-acs-version'] !== '2017-05-25') {
    return fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  }
  // RPC parameters may come in the query or as a form body.
  const params: Record<string, string> = Object.fromEntries(query);
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  }
  return { params };
}

beforeAll(async () => {
  receiver = await startReceiver(async (req, body, res) => {
    if (req.method !== 'POST' && req.method !== 'GET') return json(res, 405, { Code: 'UnsupportedHTTPMethod' });
    const checked = verifyV3(req, body);
    const requestId = crypto.randomUUID().toUpperCase();
    if ('error' in checked) {
      rejected.push(checked.error);
      return json(res, checked.error.status, { RequestId: requestId, HostId: 'dysmsapi.aliyuncs.com', Code: checked.error.code, Message: checked.error.message, Recommend: 'https://api.aliyun.com/troubleshoot' });
    }
    accepted.push({ params: checked.params, headers: req.headers, url: req.url ?? '' });
    switch (mode.kind) {
      case 'ok':
        return json(res, 200, { Code: 'OK', Message: 'OK', BizId: '9006197469364984400^0', RequestId: requestId });
      case 'business':
        return json(res, 200, { Code: mode.code, Message: mode.message, RequestId: requestId });
      case 'gateway':
        return json(res, mode.status, { RequestId: requestId, HostId: 'dysmsapi.aliyuncs.com', Code: mode.code, Message: mode.message });
      case 'html':
        res.writeHead(mode.status, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'hang':
        return; // never answers
    }
  });
});
afterAll(async () => receiver?.close());
beforeEach(() => {
  mode = { kind: 'ok' };
  accepted = [];
  rejected = [];
});

function adapter(overrides: Partial<AliyunSmsConfig> = {}) {
  return new AliyunSmsAdapter({
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    signName: '联防平台',
    templateCode: 'SMS_465900001',
    endpoint: receiver.url,
    ...overrides,
  });
}

const phone = contact('aliyun', '+86 139-0000-0001');

describe('Aliyun SMS adapter', () => {
  it('sends a V3-signed SendSms that the receiver accepts, with number, sign, template and Chinese parameters intact', async () => {
    const message = sampleMessage();
    const result = await adapter().send(message, phone);
    expect(result).toEqual({ ok: true, providerMessageId: '9006197469364984400^0' });
    expect(rejected).toEqual([]);
    expect(accepted).toHaveLength(1);
    const { params, headers } = accepted[0]!;
    expect(params.PhoneNumbers).toBe('13900000001');
    expect(params.SignName).toBe('联防平台');
    expect(params.TemplateCode).toBe('SMS_465900001');
    expect(JSON.parse(params.TemplateParam!)).toEqual(message.templateParams);
    expect(params.OutId).toBe('dlv-0001');
    expect(headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tTestKeyId,/);
    // The secret itself never travels.
    expect(JSON.stringify(headers) + accepted[0]!.url).not.toContain(ACCESS_KEY_SECRET);
  });

  it('sends only the configured template variables', async () => {
    const result = await adapter({ templateParamNames: ['ref', 'link'] }).send(sampleMessage(), phone);
    expect(result.ok).toBe(true);
    expect(JSON.parse(accepted[0]!.params.TemplateParam!)).toEqual({ ref: 'XY-2026-007', link: sampleMessage().templateParams.link });
    const missing = await adapter({ templateParamNames: ['ref', 'nope'] }).send(sampleMessage(), phone);
    expect(missing).toMatchObject({ ok: false, temporary: false });
  });

  it('a wrong AccessKey secret is rejected by the receiver: SignatureDoesNotMatch, permanent', async () => {
    const result = await adapter({ accessKeySecret: `${ACCESS_KEY_SECRET}x` }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(!result.ok && result.reason).toContain('SignatureDoesNotMatch');
    expect(!result.ok && result.reason).not.toContain(ACCESS_KEY_SECRET);
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => r.code)).toEqual(['SignatureDoesNotMatch']);
  });

  it('an unknown AccessKey id: InvalidAccessKeyId.NotFound, permanent', async () => {
    const result = await adapter({ accessKeyId: 'LTAI5tSomeoneElse' }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(!result.ok && result.reason).toContain('InvalidAccessKeyId.NotFound');
  });

  it('the receiver checks what the signature covers: a changed number or a replayed nonce is refused', async () => {
    await adapter().send(sampleMessage(), phone);
    const { headers, url } = accepted[0]!;
    const replayHeaders = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-length' && k !== 'connection')) as Record<string, string>;
    const tampered = await fetch(`${receiver.url}${url.replace('PhoneNumbers=13900000001', 'PhoneNumbers=13900000002')}`, { method: 'POST', headers: replayHeaders });
    expect(tampered.status).toBe(400);
    expect((await tampered.json()).Code).toBe('SignatureDoesNotMatch');
    const replayed = await fetch(`${receiver.url}${url}`, { method: 'POST', headers: replayHeaders });
    expect((await replayed.json()).Code).toBe('SignatureNonceUsed');
    expect(accepted).toHaveLength(1);
  });

  it('isv.BUSINESS_LIMIT_CONTROL (rate limited) is temporary', async () => {
    mode = { kind: 'business', code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发号码天级流控Permits:10' };
    const result = await adapter().send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toContain('isv.BUSINESS_LIMIT_CONTROL');
  });

  it('isv.MOBILE_NUMBER_ILLEGAL is permanent but not gone (a person fixes the number); the number is not in the reason', async () => {
    mode = { kind: 'business', code: 'isv.MOBILE_NUMBER_ILLEGAL', message: '非法手机号 13900000001' };
    const result = await adapter().send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(result).not.toHaveProperty('gone', true);
    expect(!result.ok && result.reason).toContain('isv.MOBILE_NUMBER_ILLEGAL');
    expect(!result.ok && result.reason).not.toContain('13900000001');
  });

  it('isp.SYSTEM_ERROR is temporary', async () => {
    mode = { kind: 'business', code: 'isp.SYSTEM_ERROR', message: 'isp.SYSTEM_ERROR' };
    expect(await adapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
  });

  it('gateway Throttling (HTTP 400) and ServiceUnavailable (HTTP 503) are temporary', async () => {
    mode = { kind: 'gateway', status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' };
    const throttled = await adapter().send(sampleMessage(), phone);
    expect(throttled).toMatchObject({ ok: false, temporary: true });
    expect(!throttled.ok && throttled.reason).toContain('Throttling.User');
    mode = { kind: 'gateway', status: 503, code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' };
    expect(await adapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
  });

  it('an HTTP 502 error page is temporary', async () => {
    mode = { kind: 'html', status: 502 };
    expect(await adapter().send(sampleMessage(), phone)).toMatchObject({ ok: false, temporary: true });
  });

  it('a closed port is a temporary network failure, and the reason does not quote the URL (it holds the number)', async () => {
    const result = await adapter({ endpoint: `http://127.0.0.1:${await closedPort()}` }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toContain('ECONNREFUSED');
    expect(!result.ok && result.reason).not.toContain('13900000001');
  });

  it('a receiver that never answers times out as temporary', async () => {
    mode = { kind: 'hang' };
    const started = Date.now();
    const result = await adapter({ timeoutMs: 300 }).send(sampleMessage(), phone);
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('Aliyun codes and numbers', () => {
  it('classifies codes it has not seen as temporary, and permission errors as permanent', () => {
    expect(classifyAliyunCode('isv.SOMETHING_NEW')).toMatchObject({ temporary: false });
    expect(classifyAliyunCode('Whatever.New')).toMatchObject({ temporary: true });
    expect(classifyAliyunCode('isp.RAM_PERMISSION_DENY')).toMatchObject({ temporary: false });
    expect(classifyAliyunCode('isv.DAY_LIMIT_CONTROL')).toMatchObject({ temporary: true });
  });

  it('normalises mainland numbers to 11 digits and strips + / 00 from international ones', () => {
    expect(aliyunPhoneNumber('+8613900000001')).toBe('13900000001');
    expect(aliyunPhoneNumber('008613900000001')).toBe('13900000001');
    expect(aliyunPhoneNumber('13900000001')).toBe('13900000001');
    expect(aliyunPhoneNumber('+852 6123 4567')).toBe('85261234567');
  });
});
