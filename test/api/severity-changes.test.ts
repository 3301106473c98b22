/**
 * Upward-reporting duties through 续报 that lower and raise the severity again (卫生部令第25号第七条:
 * 重大 立即 to the same-level government, the provincial and the national commission; 一般 within
 * 6 hours to the government and the health authority above). A lowered severity never undoes a
 * duty already breached; a raised one brings every 立即 duty back; the after-action record counts a
 * duty replaced after its deadline as missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z'); // 08:40 in 信阳: the report's receipt
const hours = (h: number) => new Date(START.getTime() + h * 3_600_000);
let server: TestServer;
let duty: string;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  duty = await server.login('duty');
});
afterAll(async () => server?.close());

const api = (method: string, path: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token: duty, body });
const report = (title: string, casualties: Record<string, number>) => {
  const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title, hazard: { category: 'heatstroke' }, employer: { name: '信阳某学校', industry: 'education', ownership: 'state_owned', licensed: true, laborRelation: 'determined' } });
  return { ...facts, casualties: { exposed: 8, acuteCases: 0, severeCases: 0, deaths: 0, anthraxCases: 0, ...casualties } };
};
const followUp = async (id: string, h: number, casualties: Record<string, number>) => {
  server.clock!.now = hours(h);
  const res = await api('POST', `/incidents/${id}/reports`, { ...report('续报', casualties), kind: 'follow_up' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const order25 = async (id: string) =>
  Object.fromEntries(((await api('GET', `/incidents/${id}/obligations`)).body.obligations as any[]).filter((o) => o.key.startsWith('ohs_')).map((o) => [o.key, { state: o.state, dueAt: o.dueAt }]));

async function fileMajor(title: string): Promise<string> {
  server.clock!.now = START;
  const filed = await api('POST', '/incidents', { ...xinyangReport(), ...report(title, { acuteCases: 3, deaths: 1 }), jurisdictionId: 'xinyang', receivedAt: START.toISOString() });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  expect(filed.body.severity).toBe('major');
  return filed.body.id;
}

describe('a 重大 accident lowered to 一般 and raised again', () => {
  it('lowered after the 立即 deadlines passed: those stay open and overdue, no 6-hour duty appears; raised again: still exactly those', async () => {
    const id = await fileMajor('降级后又升级');
    const immediate = hours(0.5).toISOString();
    expect(await order25(id)).toEqual({
      ohs_serious_government: { state: 'due', dueAt: immediate },
      ohs_serious_provincial_health: { state: 'due', dueAt: immediate },
      ohs_serious_national_health: { state: 'due', dueAt: immediate },
    });
    expect((await followUp(id, 3, { acuteCases: 4 })).severity).toBe('general');
    const overdue = { state: 'overdue', dueAt: immediate };
    expect(await order25(id)).toEqual({ ohs_serious_government: overdue, ohs_serious_provincial_health: overdue, ohs_serious_national_health: overdue });
    expect((await followUp(id, 5, { acuteCases: 4, deaths: 1 })).severity).toBe('major');
    expect(await order25(id)).toEqual({ ohs_serious_government: overdue, ohs_serious_provincial_health: overdue, ohs_serious_national_health: overdue });
  });

  it('lowered before the 立即 deadline: the 6-hour duties run from the first receipt; raised again: the 立即 duties are back on a new clock', async () => {
    const id = await fileMajor('及时更正后又升级');
    await followUp(id, 0.1, { acuteCases: 4 });
    const sixHours = { state: 'due', dueAt: hours(6).toISOString() };
    expect(await order25(id)).toMatchObject({
      ohs_general_government: sixHours,
      ohs_general_superior_health: sixHours,
      ohs_serious_government: { state: 'superseded' },
      ohs_serious_provincial_health: { state: 'superseded' },
    });
    await followUp(id, 2, { acuteCases: 4, deaths: 1 });
    const again = { state: 'due', dueAt: hours(2.5).toISOString() };
    expect(await order25(id)).toMatchObject({
      ohs_general_government: { state: 'superseded' },
      ohs_general_superior_health: { state: 'superseded' },
      ohs_serious_government: again,
      ohs_serious_provincial_health: again,
    });
    const timeline = (await api('GET', `/incidents/${id}/events`)).body.events as any[];
    expect(timeline.filter((e) => e.type === 'obligation.reinstated').map((e) => e.data.obligation.key).sort()).toEqual(['ohs_serious_government', 'ohs_serious_provincial_health']);
  });

  it('a 6-hour duty replaced by 立即 after its deadline passed is missed in the after-action record', async () => {
    server.clock!.now = START;
    const filed = await api('POST', '/incidents', { ...xinyangReport(), ...report('超时后升级', { acuteCases: 2 }), jurisdictionId: 'xinyang', receivedAt: START.toISOString() });
    expect(filed.body.severity).toBe('general');
    await followUp(filed.body.id, 7, { acuteCases: 2, deaths: 1 });
    const account = (await api('GET', `/incidents/${filed.body.id}/account`)).body;
    const gov = account.obligations.find((o: any) => o.key === 'ohs_general_government');
    expect(gov).toMatchObject({ outcome: 'missed', lateByMinutes: 60 });
    expect(account.summary.obligations.missed).toBe(2);
  });
});
