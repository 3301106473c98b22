/**
 * Every time a person types is bounded (issue 8 "dates are bounded", issue 9 "facts and dates"):
 * no receipt in the future, no occurrence after receipt, no year before 2000, no task due in 9999.
 * Each refusal is 422 naming the field, and nothing is written. "Now" is the server's injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const NOW = new Date('2026-11-23T01:00:00.000Z'); // 09:00 in 信阳
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000).toISOString().replace('Z', '+00:00');

let server: TestServer;
let duty: string;
let commander: string;
let incidentId: string;
let unitId: string;

const api = (method: string, path: string, who: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token: who, body });

function expectRefused(res: { status: number; headers: Headers; body: any }, field: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = res.body.errors.find((e: { field: string }) => e.field === field);
  expect(problem, JSON.stringify(res.body.errors)).toBeDefined();
  if (message) expect(problem.message).toMatch(message);
}

async function incidentCount(): Promise<number> {
  return (await api('GET', '/incidents', duty)).body.incidents.length;
}

beforeAll(async () => {
  server = await startTestServer({ fixedClock: NOW, manualEngine: true });
  duty = await server.login('duty');
  commander = await server.login('commander');
  unitId = await unitIdByName(server, duty, 'xinyang', '总工会');
  incidentId = (await api('POST', '/incidents', duty, xinyangReport({ title: '时间边界测试' }))).body.id;
});
afterAll(async () => server?.close());

describe('初报 times', () => {
  for (const [what, receivedAt] of [
    ['in the year 9999', '9999-12-31T00:00:00+08:00'],
    ['in 2031', '2031-01-01T08:00:00+08:00'],
    ['six minutes ahead of the clock', at(6)],
  ] as const)
    it(`a receipt ${what} is refused naming receivedAt, and nothing is filed`, async () => {
      const before = await incidentCount();
      expectRefused(await api('POST', '/incidents', duty, xinyangReport({ receivedAt })), 'receivedAt', /接报时间不能晚于当前时间/);
      expectRefused(await api('POST', '/routing/preview', duty, xinyangReport({ receivedAt })), 'receivedAt');
      expect(await incidentCount()).toBe(before);
    });

  it('a receipt three minutes ahead of the clock is accepted (a phone running fast)', async () => {
    const res = await api('POST', '/incidents', duty, xinyangReport({ occurredAt: at(-30), receivedAt: at(3) }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('an occurrence after the receipt is refused', async () => {
    expectRefused(await api('POST', '/incidents', duty, xinyangReport({ occurredAt: at(-5), receivedAt: at(-10) })), 'receivedAt');
  });

  it('without a receipt time, an occurrence after now is refused naming occurredAt', async () => {
    const { receivedAt: _r, ...report } = xinyangReport({ occurredAt: at(60) });
    expectRefused(await api('POST', '/incidents', duty, report), 'occurredAt', /发生时间不能晚于当前时间/);
  });

  for (const [field, time] of [
    ['occurredAt', '1999-12-31T23:00:00+08:00'],
    ['occurredAt', '0000-01-01T00:00:00+00:00'],
    ['receivedAt', '0000-01-01T00:00:00+00:00'],
  ] as const)
    it(`${field} ${time} is refused naming it`, async () => {
      expectRefused(await api('POST', '/incidents', duty, xinyangReport({ [field]: time })), field, /年份不能早于2000年/);
    });
});

describe('续报 times', () => {
  it('an occurrence after the incident was received is refused naming occurredAt', async () => {
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ occurredAt: '2026-11-23T08:50:00+08:00' });
    expectRefused(await api('POST', `/incidents/${incidentId}/reports`, duty, { ...facts, kind: 'follow_up' }), 'occurredAt', /接报时间/);
    const detail = await api('GET', `/incidents/${incidentId}`, duty);
    expect(detail.body.incident.version).toBe(1);
  });
});

describe('task due times', () => {
  const task = (dueAt: string) => ({ unitId, role: 'support', title: '核实情况', description: '核实用工情况', dueAt });

  for (const dueAt of ['9999-12-31T00:00:00+08:00', at(367 * 24 * 60)])
    it(`a task due ${dueAt} is refused naming dueAt, and none is created`, async () => {
      expectRefused(await api('POST', `/incidents/${incidentId}/tasks`, commander, task(dueAt)), 'dueAt', /办结时限不能超过366天/);
      expect((await api('GET', `/incidents/${incidentId}`, commander)).body.tasks).toEqual([]);
    });

  it('a task due 0000-01-01 is refused naming dueAt', async () => {
    expectRefused(await api('POST', `/incidents/${incidentId}/tasks`, commander, task('0000-01-01T00:00:00+00:00')), 'dueAt');
  });

  it('a reassignment due in 9999 is refused naming dueAt', async () => {
    const created = await api('POST', `/incidents/${incidentId}/tasks`, commander, task(at(120)));
    expect(created.status).toBe(201);
    const res = await api('POST', `/tasks/${created.body.task.id}/reassign`, commander, { unitId, reason: '改由本单位继续办理', dueAt: '9999-12-31T00:00:00+08:00' });
    expectRefused(res, 'dueAt');
  });
});

describe('upward report submission times and statistics periods', () => {
  it('a submission time in 0000 or in the future is refused naming submittedAt', async () => {
    const obligation = (await api('GET', `/incidents/${incidentId}`, duty)).body.obligations[0];
    for (const submittedAt of ['0000-01-01T00:00:00+00:00', '9999-12-31T00:00:00+08:00'])
      expectRefused(await api('POST', `/incidents/${incidentId}/obligations/${obligation.id}/submit`, duty, { method: 'phone', submittedAt }), 'submittedAt');
    expect((await api('GET', `/incidents/${incidentId}`, duty)).body.obligations[0].state).not.toBe('submitted');
  });

  it('a statistics period starting in year 0000 is refused naming from', async () => {
    expectRefused(await api('GET', `/statistics?jurisdictionId=xinyang&from=${encodeURIComponent('0000-01-01T00:00:00+00:00')}`, duty), 'from');
  });
});
