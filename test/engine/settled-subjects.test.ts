/**
 * What is settled stops being chased and leaves the commander's board: a 督办 settles itself when
 * the unit acknowledges late, when a 续报 supersedes its notification, when its task is handed on
 * or done, and when the 终报 closes the incident; a 终报 asks nobody to acknowledge anything; a unit
 * that declined is not asked again by the next 续报 while its decline waits for the commander, and
 * resolving the decline withdraws a later notice the unit was sent meanwhile.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
let server: TestServer;
let sms: RecordingAdapter;
let duty: string;
let commander: string;
let union: string;
let hrss: string;
let safety: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms }, manualEngine: true });
  duty = await server.login('duty');
  commander = await server.login('commander');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  safety = await unitIdByName(server, duty, 'xinyang', '应急管理');
});
afterAll(async () => server?.close());

const api = (method: string, path: string, token: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token, body });
const liaison = (unitId: string) => server.login(`liaison.${unitId}`);
/** Moves the clock on in half-hour steps, letting the engine take every step due. */
async function runFor(hours: number) {
  for (let i = 0; i < hours * 2; i++) {
    server.clock!.advance(30 * 60_000);
    await server.engine.tick();
  }
  // A day later the morning's sessions have ended: the office signs in again.
  duty = await server.login('duty');
  commander = await server.login('commander');
}
const openAlerts = async (incidentId: string) => ((await api('GET', `/alerts?incidentId=${incidentId}`, commander)).body.alerts as any[]).filter((a) => !a.resolvedAt);
const followUpFacts = (casualties: Record<string, number>) => {
  const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '闭环测试' });
  return { ...facts, casualties: { exposed: 8, acuteCases: 3, severeCases: 1, deaths: 0, anthraxCases: 0, ...casualties } };
};
async function file(title: string) {
  const filed = await api('POST', '/incidents', duty, xinyangReport({ title, receivedAt: server.clock!.now.toISOString() }));
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return { id: filed.body.id as string, notice: Object.fromEntries(filed.body.notifications.map((n: any) => [n.unitId, n.id])) as Record<string, string> };
}

describe('督办 that settle themselves', () => {
  it('a late acknowledgement settles its ack_overdue 督办; a 续报 settles those of the notices it supersedes', async () => {
    const { id, notice } = await file('逾期后签收');
    await runFor(24);
    const late = (await openAlerts(id)).filter((a) => a.kind === 'ack_overdue').map((a) => a.unitId);
    expect(late).toEqual(expect.arrayContaining([union, hrss]));
    expect((await api('POST', `/notifications/${notice[union]}/acknowledge`, await liaison(union), { note: '已派员' })).status).toBe(200);
    expect((await openAlerts(id)).some((a) => a.unitId === union)).toBe(false);
    const follow = await api('POST', `/incidents/${id}/reports`, duty, { ...followUpFacts({ acuteCases: 4 }), kind: 'follow_up' });
    expect(follow.status, JSON.stringify(follow.body)).toBe(201);
    // hrss's v1 notice is superseded: its 督办 goes; v2 has its own clock.
    expect((await openAlerts(id)).filter((a) => a.kind === 'ack_overdue')).toEqual([]);
    const resolved = ((await api('GET', `/alerts?open=false&incidentId=${id}`, commander)).body.alerts as any[]).find((a) => a.unitId === hrss && a.kind === 'ack_overdue');
    expect(resolved.resolution).toContain('续报已取代');
  });

  it('a task handed on after its 督办 settles it, and the new unit gets its own when it is late too', async () => {
    const { id } = await file('任务改派');
    const task = await api('POST', `/incidents/${id}/tasks`, commander, { unitId: union, role: 'support', title: '核查用工', description: '核查', dueAt: new Date(server.clock!.now.getTime() + 3_600_000).toISOString() });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    const taskId = task.body.task.id;
    await runFor(24);
    expect((await openAlerts(id)).filter((a) => a.kind === 'task_overdue').map((a) => a.unitId)).toEqual([union]);
    const handed = await api('POST', `/tasks/${taskId}/reassign`, commander, { unitId: hrss, reason: '改由人社局办理', dueAt: new Date(server.clock!.now.getTime() + 3_600_000).toISOString() });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect((await openAlerts(id)).filter((a) => a.kind === 'task_overdue')).toEqual([]);
    await runFor(24);
    expect((await openAlerts(id)).filter((a) => a.kind === 'task_overdue').map((a) => a.unitId)).toEqual([hrss]);
    const hrssL = await liaison(hrss);
    await api('POST', `/tasks/${taskId}/accept`, hrssL, {});
    expect((await api('POST', `/tasks/${taskId}/done`, hrssL, { note: '已核查' })).status).toBe(200);
    expect((await openAlerts(id)).filter((a) => a.kind === 'task_overdue')).toEqual([]);
  });
});

describe('the 终报', () => {
  it('with changed counts asks nobody to acknowledge, sends nothing, and takes its 督办 off the board', async () => {
    const { id, notice } = await file('终报改数');
    for (const [unitId, n] of Object.entries(notice)) if (unitId !== hrss) await api('POST', `/notifications/${n}/acknowledge`, await liaison(unitId), {});
    await runFor(24);
    expect((await openAlerts(id)).some((a) => a.unitId === hrss)).toBe(true);
    const sentBefore = sms.sent.length;
    const final = await api('POST', `/incidents/${id}/reports`, commander, { ...followUpFacts({ acuteCases: 5 }), kind: 'final', closeOverride: { reason: '处置完毕，人社局另行说明' } });
    expect(final.status, JSON.stringify(final.body)).toBe(201);
    expect(final.body.status).toBe('closed');
    expect(final.body.notifications).toEqual([]);
    await runFor(24);
    expect(sms.sent.length).toBe(sentBefore);
    expect(await openAlerts(id)).toEqual([]);
    const account = (await api('GET', `/incidents/${id}/account`, commander)).body;
    expect(account.units.flatMap((u: any) => u.notifications).every((n: any) => n.version === 1)).toBe(true);
  });
});

describe('a decline waiting for the commander', () => {
  it('the next 续报 does not ask the unit again; resolving it withdraws a notice the duty officer sent it meanwhile', async () => {
    const { id, notice } = await file('退回未处理');
    expect((await api('POST', `/notifications/${notice[safety]}/decline`, await liaison(safety), { reason: '不属于本单位职责' })).status).toBe(200);
    const follow = await api('POST', `/incidents/${id}/reports`, duty, { ...followUpFacts({ acuteCases: 4 }), kind: 'follow_up' });
    expect(follow.status, JSON.stringify(follow.body)).toBe(201);
    expect(follow.body.notifications.map((n: any) => n.unitId)).not.toContain(safety);
    expect(follow.body.excluded.find((x: any) => x.unitId === safety).reason).toContain('待指挥长处理');
    // The duty officer names the unit again on purpose: it is asked; the commander then confirms the decline.
    const again = await api('POST', `/incidents/${id}/reports`, duty, { ...followUpFacts({ acuteCases: 5 }), kind: 'follow_up', extraUnits: [{ unitId: safety, role: 'lead', reason: '请再核实，由应急局牵头' }] });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const v3 = again.body.notifications.find((n: any) => n.unitId === safety);
    expect(v3.state).toBe('pending');
    expect((await api('POST', `/notifications/${notice[safety]}/resolve-decline`, commander, { action: 'confirm', reason: '确认不属于应急局职责' })).status).toBe(200);
    const [row] = await server.services.db.select({ state: notifications.state }).from(notifications).where(eq(notifications.id, v3.id));
    expect(row!.state).toBe('withdrawn');
    await runFor(24);
    expect((await openAlerts(id)).filter((a) => a.unitId === safety)).toEqual([]);
  });
});
