/**
 * DingTalk robot adapter against a local receiver that checks 加签 as DingTalk documents it:
 * timestamp (ms) within one hour of now, sign = base64(HMAC-SHA256(key = secret,
 * data = timestamp + "\n" + secret)), URL-encoded in the query; and answers with DingTalk's errcodes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DingTalkRobotAdapter, classifyDingTalkCode, type DingTalkRobotConfig } from '../../src/delivery/dingtalk-robot.js';
import { closedPort, contact, json, sampleMessage, startReceiver, type Receiver } from './receiver.js';

const TOKEN = 'c0ffee1234abcd';
const SECRET = 'SEC3f0a9d6b1c2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0';

type Mode = { kind: 'ok' } | { kind: 'errcode'; errcode: number; errmsg: string } | { kind: 'http'; status: number } | { kind: 'hang' };

let receiver: Receiver;
let mode: Mode = { kind: 'ok' };
let accepted: { body: any; rawQuery: string; contentType: string }[] = [];
let rejected: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver((req, raw, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method !== 'POST' || url.pathname !== '/robot/send') return json(res, 404, { errcode: 404, errmsg: 'not found' });
    if (url.searchParams.get('access_token') !== TOKEN) {
      rejected.push('token');
      return json(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
    }
    // This robot has 加签 on: both parameters are required and checked.
    const timestamp = url.searchParams.get('timestamp');
    const sign = url.searchParams.get('sign'); // URLSearchParams undoes the urlEncode step
    if (!timestamp || !sign || !/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) {
      rejected.push('timestamp');
      return json(res, 200, { errcode: 310000, errmsg: 'invalid timestamp, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' });
    }
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`, 'utf8').digest();
    const given = Buffer.from(sign, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64') !== sign) {
      rejected.push('sign');
      return json(res, 200, { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' });
    }
    let body: any;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 200, { errcode: 40035, errmsg: '缺少参数 json' });
    }
    if (body.msgtype !== 'markdown' || !body.markdown?.title || !body.markdown?.text) return json(res, 200, { errcode: 40035, errmsg: '缺少参数 markdown' });
    accepted.push({ body, rawQuery: url.search, contentType: String(req.headers['content-type']) });
    switch (mode.kind) {
      case 'ok':
        return json(res, 200, { errcode: 0, errmsg: 'ok' });
      case 'errcode':
        return json(res, 200, { errcode: mode.errcode, errmsg: mode.errmsg });
      case 'http':
        res.writeHead(mode.status, { 'content-type': 'text/html' }).end('<html>error</html>');
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

const adapter = (overrides: DingTalkRobotConfig = {}) => new DingTalkRobotAdapter({ webhookHosts: ['127.0.0.1'], ...overrides });
const robot = (secret = SECRET, token = TOKEN, base = receiver.url) => contact('dingtalk', `${base}/robot/send?access_token=${token}`, { secret });

describe('DingTalk robot adapter', () => {
  it('posts signed markdown that the receiver accepts, title and Chinese text intact', async () => {
    const message = sampleMessage();
    const result = await adapter().send(message, robot());
    expect(rejected).toEqual([]);
    expect(result).toEqual({ ok: true });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.body).toEqual({ msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } });
    expect(accepted[0]!.contentType).toMatch(/^application\/json/);
    // The secret is never sent, only the signature.
    expect(accepted[0]!.rawQuery).not.toContain(SECRET);
    expect(accepted[0]!.rawQuery).toMatch(/[?&]timestamp=\d{13}&sign=[A-Za-z0-9%]+$/);
  });

  it('a wrong secret is rejected by the receiver: 310000, permanent and not gone', async () => {
    const result = await adapter().send(sampleMessage(), robot(`${SECRET}x`));
    expect(rejected).toEqual(['sign']);
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(result).not.toHaveProperty('gone', true);
    expect(!result.ok && result.reason).toContain('310000');
    expect(!result.ok && result.reason).not.toContain(SECRET);
  });

  it('a timestamp more than an hour off is rejected by the receiver', async () => {
    const result = await adapter({ now: () => Date.now() - 2 * 3_600_000 }).send(sampleMessage(), robot());
    expect(rejected).toEqual(['timestamp']);
    expect(result).toMatchObject({ ok: false, temporary: false });
  });

  it('310000 for a missing keyword or IP is permanent', async () => {
    mode = { kind: 'errcode', errcode: 310000, errmsg: 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' };
    expect(await adapter().send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: false });
  });

  it('130101 send too fast is temporary', async () => {
    mode = { kind: 'errcode', errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    const result = await adapter().send(sampleMessage(), robot());
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toContain('130101');
  });

  it('300001 (token invalid: the robot was removed) is gone, and the token stays out of the reason', async () => {
    const result = await adapter().send(sampleMessage(), robot(SECRET, 'removed-robot-token'));
    expect(result).toMatchObject({ ok: false, temporary: false, gone: true });
    expect(!result.ok && result.reason).toContain('300001');
    expect(!result.ok && result.reason).not.toContain('removed-robot-token');
  });

  it('HTTP 5xx is temporary', async () => {
    mode = { kind: 'http', status: 503 };
    expect(await adapter().send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: true });
  });

  it('a redirect is not followed (it could lead off the allowed host): a permanent failure that says so', async () => {
    mode = { kind: 'http', status: 302 };
    const result = await adapter().send(sampleMessage(), robot());
    expect(result).toMatchObject({ ok: false, temporary: false, reason: 'dingtalk HTTP 302: redirect not followed' });
  });

  it('a closed port is a temporary network failure', async () => {
    const result = await adapter().send(sampleMessage(), robot(SECRET, TOKEN, `http://127.0.0.1:${await closedPort()}`));
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toMatch(/^network: /);
  });

  it('a receiver that never answers times out as temporary', async () => {
    mode = { kind: 'hang' };
    expect(await adapter({ timeoutMs: 300 }).send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: true });
  });

  it('does not post to a host that is not DingTalk', async () => {
    const result = await new DingTalkRobotAdapter().send(sampleMessage(), robot());
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(accepted).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('classifies other errcodes', () => {
    expect(classifyDingTalkCode(400013)).toMatchObject({ gone: true });
    expect(classifyDingTalkCode(410100)).toMatchObject({ temporary: true });
    expect(classifyDingTalkCode(430104)).toMatchObject({ temporary: false });
  });
});
