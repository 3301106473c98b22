/**
 * Input limits (issue 8, "no 500, ever"): bodies are limited while they are read, text PostgreSQL
 * cannot store is refused naming the field, bodies must be objects, a malformed Origin is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { streamUntilAnswered } from '../support/streaming.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

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

function expectInvalid(res: { status: number; headers: Headers; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

async function incidentCount(): Promise<number> {
  const res = await server.request('GET', '/api/v1/incidents', { token: duty });
  return res.body.incidents.length;
}

describe('nesting', () => {
  it('a body nested past 32 levels is refused naming where, before any login: a 40 KB body cannot stall the server', async () => {
    const raw = '{"a":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    const res = await server.request('POST', '/api/v1/auth/login', { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors[0].message).toContain('嵌套层级过深');
    expect(res.body.errors[0].field.startsWith('a.0.0.0')).toBe(true);
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('a socket payload nested past 32 levels is refused the same way', async () => {
    const socket = await server.connect(duty);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    const answer = await socket.emitWithAck<any>('resume', { afterSeq: 0, x: deep });
    expect(answer.ok).toBe(false);
    expect(answer.error.errors[0].message).toContain('嵌套层级过深');
    socket.close();
  });
});

describe('text PostgreSQL cannot store (U+0000, lone surrogates)', () => {
  it('is refused in any body field, naming it, and nothing is filed', async () => {
    const before = await incidentCount();
    expectInvalid(await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '硫化氢\u0000中毒' }) }), 'title');
    expectInvalid(await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ narrative: '经过\ud800' }) }), 'narrative');
    const employer = { ...xinyangReport().employer, name: '某\udfff公司' };
    expectInvalid(await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ employer }) }), 'employer.name');
    expectInvalid(await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport({ 'x\u0000': 1 }) }), 'x\\u0000');
    expectInvalid(await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty\u0000', password: 'x' } }), 'username');
    expect(await incidentCount()).toBe(before);
  });

  it('is refused in a path parameter, naming it', async () => {
    expectInvalid(await server.request('GET', '/api/v1/incidents/a%00b', { token: duty }), 'id');
    expectInvalid(await server.request('GET', '/api/v1/jurisdictions/xinyang%00/units', { token: duty }), 'id');
    expectInvalid(await server.request('POST', '/api/v1/incidents/%00/reports', { token: duty, body: {} }), 'id');
  });

  it('is refused in a query parameter, naming it', async () => {
    expectInvalid(await server.request('GET', '/api/v1/incidents?jurisdictionId=xinyang%00', { token: duty }), 'jurisdictionId');
    expectInvalid(await server.request('GET', '/api/v1/alerts?incidentId=%00', { token: duty }), 'incidentId');
  });
});

describe('a body that is not an object', () => {
  for (const raw of ['null', '[]', '42', '"text"', 'true'])
    it(`${raw} is refused with 422 problem+json`, async () => {
      const res = await server.request('POST', '/api/v1/incidents', { token: duty, raw });
      expectInvalid(res, '(body)');
    });

  it('null is refused where the body is optional too', async () => {
    const res = await server.request('POST', '/api/v1/notifications/00000000-0000-0000-0000-000000000000/acknowledge', { token: duty, raw: 'null' });
    expectInvalid(res, '(body)');
  });
});

describe('a malformed Origin on a cookie session', () => {
  for (const origin of ['null', 'not a url', 'http://[::1', 'file://'])
    it(`Origin: ${origin} is refused with 403 problem+json`, async () => {
      const token = await server.login('duty');
      const res = await server.request('POST', '/api/v1/routing/preview', {
        body: xinyangReport(),
        headers: { cookie: `lianfang_session=${token}`, origin },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

  it('the same origin is accepted', async () => {
    const token = await server.login('duty');
    const res = await server.request('POST', '/api/v1/routing/preview', { body: xinyangReport(), headers: { cookie: `lianfang_session=${token}`, origin: server.url } });
    expect(res.status).toBe(200);
  });
});

describe('the one-tap link outside the OpenAPI routes', () => {
  it('answers a null JSON body with 422, not 500', async () => {
    const res = await server.request('POST', '/a/not-a-token', { raw: 'null', headers: { accept: 'application/json' } });
    expectInvalid(res, '(body)');
  });

  it('refuses U+0000 in a form body, naming the field', async () => {
    const res = await server.request('POST', '/a/not-a-token', { raw: 'note=%00', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectInvalid(res, 'note');
  });
});

describe('the account as CSV', () => {
  it('guards a cell starting with a full-width ＝ ＋ － ＠ like its ASCII form', async () => {
    const commander = await server.login('commander');
    const unitId = await unitIdByName(server, duty, 'xinyang', '总工会');
    const incidentId = (await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: 'CSV 测试' }) })).body.id;
    const titles = ['=1+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', '﹦1+1', '　＝1+1'];
    for (const title of titles) {
      const res = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, {
        token: commander,
        body: { unitId, role: 'support', title, description: '测试', dueAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const csv = (await server.request('GET', `/api/v1/incidents/${incidentId}/account?format=csv`, { token: duty })).body as string;
    const lastCells = csv.split('\r\n').filter((l) => l.startsWith('任务')).map((l) => l.slice(l.lastIndexOf(',') + 1));
    expect(lastCells.sort()).toEqual(titles.map((t) => `'${t.trim()}`).sort());
  });
});

describe('phone numbers and lists that name a thing twice', () => {
  it('a reporter phone without five digits, or a township listed twice, is refused naming it; nothing is filed', async () => {
    const before = await incidentCount();
    const noDigits = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ reporter: { name: '张三', phone: '- - - -' } }) });
    expectInvalid(noDigits, 'reporter.phone');
    expect(noDigits.body.errors).toHaveLength(1);
    const townships = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ place: { address: '信阳市浉河区工业园路1号', township: '五星街道', otherTownships: ['老城街道', '老城街道'] } }) });
    expectInvalid(townships, 'place.otherTownships.1');
    expect(townships.body.errors).toHaveLength(1);
    expect(await incidentCount()).toBe(before);
  });

  it('an account’s phone follows the same rule, on creation and on change', async () => {
    const admin = await server.login('admin');
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    const account = { username: 'phone.rule', displayName: '电话规则', role: 'liaison', unitId: union };
    expectInvalid(await server.request('POST', '/api/v1/admin/users', { token: admin, body: { ...account, phone: '(-) -' } }), 'phone');
    const made = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { ...account, phone: '0376-6221234' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expectInvalid(await server.request('PATCH', `/api/v1/admin/users/${made.body.user.id}`, { token: admin, body: { phone: '- - - -' } }), 'phone');
    const people = await server.request('GET', `/api/v1/admin/users`, { token: admin });
    expect(people.body.users.find((u: any) => u.id === made.body.user.id).phone).toBe('0376-6221234');
  });
});
