/** A local HTTP receiver for provider adapters (127.0.0.1 only), and a message to send through them. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContactPoint, OutboundMessage } from '../../src/delivery/channel.js';

export interface Receiver {
  port: number;
  url: string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

export async function startReceiver(handler: Handler): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Promise.resolve(handler(req, Buffer.concat(chunks), res)).catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`receiver error: ${err.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was bound a moment ago and released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
}

export function sampleMessage(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  const link = 'https://lianfang.example.cn/a/tok_甲-1?x=1&y=2';
  return {
    deliveryId: 'dlv-0001',
    title: '【演练】重大职业病危害事故：某化工厂氯气泄漏',
    shortText: `【演练】重大职业病危害事故（XY-2026-007），急性病例3人，死亡0人。签收：${link}`,
    markdown: [
      '### 【演练】重大职业病危害事故：某化工厂氯气泄漏',
      '- 编号：XY-2026-007',
      '- 地点：信阳市浉河区工业园 "A&B" 路 12 号',
      '- 依据：《职业病防治法》第三十七条 — 发生急性职业病危害事故时，应当立即采取应急救援和控制措施',
      '',
      '总工会为配合单位，请于11-23 09:30前签收。',
      `- [张三 一键签收](${link})`,
    ].join('\n'),
    links: [{ label: '张三', url: link }],
    templateParams: { ref: 'XY-2026-007', severity: '重大', unit: '总工会', role: '配合', due: '11-23 09:30', link },
    pushPayload: {},
    ...overrides,
  };
}

export function contact(provider: ContactPoint['provider'], address: string, secret: Record<string, string> = {}): ContactPoint {
  return { id: `cp-${provider}`, channel: provider === 'dingtalk' || provider === 'wecom' ? 'robot' : 'sms', provider, address, secret };
}
