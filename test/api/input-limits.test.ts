/**
 * Input limits (issue 8, "no 500, ever"): bodies are limited while they are read, text PostgreSQL
 * cannot store is refused naming the field, bodies must be objects, a malformed Origin is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { streamUntilAnswered } from '../support/streaming.js';
import { xinyangReport } from '../support/reports.js';

let server: TestServer;
let duty: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
});
afterAll(async () => server?.close());

const MB = 1024 * 1024;

describe('request-body size limit', () => {
  for (const declareLength of [true, false]) {
    it(`refuses a 64 MB anonymous login with 413 problem+json before reading it (${declareLength ? 'Content-Length' : 'chunked'})`, async () => {
      const total = 64 * MB;
      const answer = await streamUntilAnswered(server.url, '/api/v1/auth/login', { totalBytes: total, declareLength });
      expect(answer.status).toBe(413);
      expect(answer.contentType).toContain('application/problem+json');
      expect(JSON.parse(answer.body).title).toBe('提交的内容过大');
      // The answer came while most of the body was still unsent: the server never read it all.
      expect(answer.bytesSent).toBeLessThan(total / 4);
    });
  }

  it('still accepts an ordinary report', async () => {
    const res = await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() });
    expect(res.status).toBe(200);
  });

  it('refuses a report just over 256 KB, even with a valid session', async () => {
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ narrative: '经'.repeat(90 * 1024) }) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
