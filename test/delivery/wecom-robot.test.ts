/**
 * WeCom robot adapter against a local receiver that behaves like qyapi.weixin.qq.com's webhook:
 * the key in the URL is the only credential, markdown content must be valid UTF-8 of at most
 * 4096 bytes, and errors come back as errcodes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeComRobotAdapter, fitMarkdown, truncateUtf8, classifyWeComCode, type WeComRobotConfig } from '../../src/delivery/wecom-robot.js';
import { closedPort, contact, json, sampleMessage, startReceiver, type Receiver } from './receiver.js';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

type Mode = { kind: 'ok' } | { kind: 'errcode'; errcode: number; errmsg: string } | { kind: 'http'; status: number } | { kind: 'hang' };

let receiver: Receiver;
let mode: Mode = { kind: 'ok' };
let accepted: { content: string; bytes: number }[] = [];

beforeAll(async () => {
  receiver = await startReceiver((req, raw, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return json(res, 404, { errcode: 404, errmsg: 'not found' });
    if (url.searchParams.get('key') !== KEY) {
      return json(res, 200, { errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_1_abc], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000' });
    }
    let body: any;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return json(res, 200, { errcode: 40058, errmsg: 'invalid json or not utf-8, hint: [x]' });
    }
    if (body.msgtype !== 'markdown') return json(res, 200, { errcode: 40008, errmsg: 'invalid message type, hint: [x]' });
    const content = body.markdown?.content;
    if (typeof content !== 'string' || !content) return json(res, 200, { errcode: 44004, errmsg: 'empty content, hint: [x]' });
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > 4096) return json(res, 200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096, hint: [x]' });
    // A lone surrogate would mean a character was split before encoding.
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(content)) return json(res, 200, { errcode: 40058, errmsg: 'invalid content' });
    accepted.push({ content, bytes });
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
});

const adapter = (overrides: WeComRobotConfig = {}) => new WeComRobotAdapter({ webhookHosts: ['127.0.0.1'], ...overrides });
const robot = (key = KEY, base = receiver.url) => contact('wecom', `${base}/cgi-bin/webhook/send?key=${key}`);

describe('WeCom robot adapter', () => {
  it('posts markdown that arrives intact, Chinese included', async () => {
    const message = sampleMessage();
    expect(await adapter().send(message, robot())).toEqual({ ok: true });
    expect(accepted).toEqual([{ content: message.markdown, bytes: Buffer.byteLength(message.markdown) }]);
  });

  it('a long message is cut to 4096 bytes at a character boundary and keeps its acknowledgement links', async () => {
    const base = sampleMessage();
    const links = Array.from({ length: 12 }, (_, i) => ({ label: `联络员${i}`, url: `https://lianfang.example.cn/a/token-${i}-${'x'.repeat(40)}` }));
    const clause = '依据：' + '发生急性职业病危害事故时，用人单位应当立即采取应急救援和控制措施😷。'.repeat(120);
    const markdown = [base.markdown.split('\n')[0], clause, ...links.map((l) => `- [${l.label} 一键签收](${l.url})`)].join('\n');
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(4096);
    expect(await adapter().send(sampleMessage({ markdown, links }), robot())).toEqual({ ok: true });
    const { content, bytes } = accepted[0]!;
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(bytes).toBeGreaterThan(3800);
    expect(content.startsWith(base.markdown.split('\n')[0]!)).toBe(true);
    expect(content).toContain('…');
    for (const l of links) expect(content).toContain(l.url);
  });

  it('a wrong key is refused by the receiver: 93000 invalid webhook url, gone; the key stays out of the reason', async () => {
    const result = await adapter().send(sampleMessage(), robot('deleted-robot-key'));
    expect(result).toMatchObject({ ok: false, temporary: false, gone: true });
    expect(!result.ok && result.reason).toContain('93000');
    expect(!result.ok && result.reason).not.toContain('deleted-robot-key');
  });

  it('45009 api freq out of limit is temporary', async () => {
    mode = { kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit, hint: [1700000000_2_def]' };
    const result = await adapter().send(sampleMessage(), robot());
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toContain('45009');
  });

  it('40058 bad content is permanent', async () => {
    mode = { kind: 'errcode', errcode: 40058, errmsg: 'markdown.content exceed max length 4096, hint: [x]' };
    const result = await adapter().send(sampleMessage(), robot());
    expect(result).toMatchObject({ ok: false, temporary: false });
    expect(result).not.toHaveProperty('gone', true);
  });

  it('HTTP 5xx is temporary', async () => {
    mode = { kind: 'http', status: 502 };
    expect(await adapter().send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: true });
  });

  it('a closed port is a temporary network failure', async () => {
    const result = await adapter().send(sampleMessage(), robot(KEY, `http://127.0.0.1:${await closedPort()}`));
    expect(result).toMatchObject({ ok: false, temporary: true });
    expect(!result.ok && result.reason).toMatch(/^network: /);
  });

  it('a receiver that never answers times out as temporary', async () => {
    mode = { kind: 'hang' };
    expect(await adapter({ timeoutMs: 300 }).send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: true });
  });

  it('does not post to a host that is not WeCom', async () => {
    expect(await new WeComRobotAdapter().send(sampleMessage(), robot())).toMatchObject({ ok: false, temporary: false });
    expect(accepted).toEqual([]);
  });

  it('classifies other errcodes', () => {
    expect(classifyWeComCode(-1)).toMatchObject({ temporary: true });
    expect(classifyWeComCode(93004)).toMatchObject({ temporary: false });
  });
});

describe('UTF-8 truncation', () => {
  it('never splits a character', () => {
    const text = '联防😷a'; // 3 + 3 + 4 + 1 bytes
    expect(truncateUtf8(text, 11)).toBe(text);
    expect(truncateUtf8(text, 10)).toBe('联防😷');
    for (const n of [9, 8, 7]) expect(truncateUtf8(text, n)).toBe('联防');
    expect(truncateUtf8(text, 5)).toBe('联');
    expect(truncateUtf8(text, 0)).toBe('');
  });

  it('leaves short markdown alone and cuts plainly when the links alone do not fit', () => {
    expect(fitMarkdown('短', [], 4096)).toBe('短');
    const links = Array.from({ length: 100 }, (_, i) => `https://x.cn/a/${i}-${'y'.repeat(50)}`);
    const fitted = fitMarkdown(links.map((u) => `- [签收](${u})`).join('\n'), links, 4096);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(4096);
    expect(fitted.endsWith('…')).toBe(true);
  });
});
