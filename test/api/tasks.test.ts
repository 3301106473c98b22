/**
 * Joint response tasks (联合处置) over HTTP: who may do what (404 for those who may not see,
 * 403 for those who may see but not act), blocking and its 督办 alert, reassignment with a
 * reason, closing with a reason, and every change on the board and to the task's unit.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberUnits } from '../../src/db/schema.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

let server: TestServer;
let duty: string;
let commander: string;
let incidentId: string;
const unit: Record<string, string> = {};
const liaison: Record<string, string> = {};
let commanderSocket: TestSocket;
let financeSocket: TestSocket;

const api = (method: string, path: string, who: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token: who, body });
const due = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  commander = await server.login('commander');
  for (const [key, name] of [
    ['union', '总工会'],
    ['finance', '财政局'],
    ['civil', '民政局'],
  ] as const) {
    unit[key] = await unitIdByName(server, duty, 'xinyang', name);
    liaison[key] = await server.login(`liaison.${unit[key]}`);
  }
  incidentId = (await api('POST', '/incidents', duty, xinyangReport({ title: '任务测试' }))).body.id;
  commanderSocket = await server.connect(commander);
  financeSocket = await server.connect(liaison.finance!);
});
afterAll(async () => server?.close());

describe('joint response tasks', () => {
  let taskId: string;

  it('a task for a unit that was not notified makes the incident visible to that unit, and only to it', async () => {
    expect((await api('GET', `/incidents/${incidentId}`, liaison.finance!)).status).toBe(404);
    const created = await api('POST', `/incidents/${incidentId}/tasks`, commander, {
      unitId: unit.finance,
      role: 'support',
      title: '落实救治经费',
      description: '协调落实中毒人员救治经费保障',
      dueAt: due(4),
    });
    expect(created.status).toBe(201);
    taskId = created.body.task.id;
    const seen = await financeSocket.waitFor((type, e) => type === 'task.created' && e.data.task.id === taskId);
    expect(seen.data.incident).toMatchObject({ id: incidentId, title: '任务测试' });
    const detail = await api('GET', `/incidents/${incidentId}`, liaison.finance!);
    expect(detail.status).toBe(200);
    expect(detail.body.tasks.map((t: any) => t.id)).toEqual([taskId]);
    expect(detail.body.obligations).toEqual([]);
    expect((await api('GET', `/tasks/${taskId}`, liaison.civil!)).status).toBe(404);
    expect((await api('GET', `/incidents/${incidentId}/tasks`, liaison.civil!)).status).toBe(404);
  });

  it('input is checked field by field and bad input changes nothing', async () => {
    const bad = await api('POST', `/incidents/${incidentId}/tasks`, commander, { unitId: 'xy_nobody', role: 'inform', title: '', dueAt: 'tomorrow' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['dueAt', 'role', 'title']);
    const unknownUnit = await api('POST', `/incidents/${incidentId}/tasks`, commander, { unitId: 'anji_gaj', role: 'lead', title: '外辖区', description: '外辖区单位', dueAt: due(1) });
    expect(unknownUnit.body.errors).toEqual([{ field: 'unitId', message: expect.stringContaining('不是本辖区的成员单位') }]);
    expect((await api('POST', `/incidents/${incidentId}/tasks`, commander, { suggestionId: 'sthj_radiation_control' })).body.errors[0].field).toBe('suggestionId');
    expect((await api('GET', `/incidents/${incidentId}/tasks`, commander)).body.tasks).toHaveLength(1);
  });

  it('blocked with a reason raises a 督办 alert; the progress that unblocks it closes the alert', async () => {
    expect((await api('POST', `/tasks/${taskId}/block`, liaison.finance!, {})).status).toBe(422);
    const blocked = await api('POST', `/tasks/${taskId}/block`, liaison.finance!, { reason: '需市政府批准动用预备费' });
    expect(blocked.body.task).toMatchObject({ state: 'blocked', blockedReason: '需市政府批准动用预备费' });
    const raised = await commanderSocket.waitFor((type, e) => type === 'alert.raised' && e.data.alert.taskId === taskId);
    expect(raised.data.alert.kind).toBe('task_blocked');
    expect((await api('POST', `/tasks/${taskId}/block`, liaison.finance!, { reason: '再次受阻' })).status).toBe(409);
    const resumed = await api('POST', `/tasks/${taskId}/progress`, liaison.finance!, { note: '已获批，正在拨付' });
    expect(resumed.body.task.state).toBe('accepted');
    const alerts = (await api('GET', `/alerts?open=false&incidentId=${incidentId}`, commander)).body.alerts;
    expect(alerts.find((a: any) => a.taskId === taskId)).toMatchObject({ kind: 'task_blocked', resolution: expect.stringContaining('已获批') });
  });

  it('a commander hands it to another unit with a reason; the old unit no longer sees it, the new one must accept', async () => {
    expect((await api('POST', `/tasks/${taskId}/reassign`, duty, { unitId: unit.civil, reason: '改由民政局救助' })).status).toBe(403);
    expect((await api('POST', `/tasks/${taskId}/reassign`, commander, { unitId: unit.finance, reason: '同一单位' })).status).toBe(422);
    expect((await api('POST', `/tasks/${taskId}/reassign`, commander, { unitId: unit.civil })).status).toBe(422);
    const moved = await api('POST', `/tasks/${taskId}/reassign`, commander, { unitId: unit.civil, reason: '用人单位已注销，改由民政局临时救助' });
    expect(moved.body.task).toMatchObject({ unitId: unit.civil, state: 'open', acceptedAt: null, escalationStep: 0 });
    const told = await financeSocket.waitFor((type, e) => type === 'task.updated' && e.data.action === 'reassign');
    // The old unit learns only that the task left it: not to whom, nor the commander's reason (it names the other unit).
    expect(told.data).toEqual({ taskId, incidentId: moved.body.task.incidentId, action: 'reassign', actionName: '改派', handedOver: true });
    expect((await api('GET', `/tasks/${taskId}`, liaison.finance!)).status).toBe(404);
    expect((await api('POST', `/tasks/${taskId}/done`, liaison.finance!, {})).status).toBe(404);
    expect((await api('GET', `/tasks`, liaison.civil!)).body.tasks.map((t: any) => t.id)).toEqual([taskId]);
  });

  it('a task is not handed to a retired unit, as none is given to one; nothing changes', async () => {
    const science = await unitIdByName(server, duty, 'xinyang', '科学技术局');
    await server.services.db.update(memberUnits).set({ retiredAt: new Date() }).where(eq(memberUnits.id, science));
    try {
      const before = (await api('GET', `/tasks/${taskId}`, commander)).body;
      const created = await api('POST', `/incidents/${incidentId}/tasks`, commander, { unitId: science, role: 'support', title: '科技支撑', description: '提供检测支撑', dueAt: due(4) });
      expect(created.status).toBe(422);
      expect(created.body.errors).toEqual([{ field: 'unitId', message: expect.stringContaining('不是本辖区的成员单位') }]);
      const moved = await api('POST', `/tasks/${taskId}/reassign`, commander, { unitId: science, reason: '改由科技局提供检测支撑' });
      expect(moved.status, JSON.stringify(moved.body)).toBe(422);
      expect(moved.headers.get('content-type')).toContain('application/problem+json');
      expect(moved.body.errors).toEqual([{ field: 'unitId', message: expect.stringContaining('不是本辖区的成员单位') }]);
      const after = (await api('GET', `/tasks/${taskId}`, commander)).body;
      expect(after.task).toEqual(before.task);
      expect(after.history).toHaveLength(before.history.length);
    } finally {
      await server.services.db.update(memberUnits).set({ retiredAt: null }).where(eq(memberUnits.id, science));
    }
  });

  it('a commander closes it with a reason; a closed task takes no more changes', async () => {
    expect((await api('POST', `/tasks/${taskId}/close`, liaison.civil!, { reason: '不需要' })).status).toBe(403);
    expect((await api('POST', `/tasks/${taskId}/close`, commander, {})).status).toBe(422);
    const closed = await api('POST', `/tasks/${taskId}/close`, commander, { reason: '救助已由县民政局完成' });
    expect(closed.body.task).toMatchObject({ state: 'closed', closeReason: '救助已由县民政局完成' });
    for (const [path, who, body] of [
      ['accept', liaison.civil!, {}],
      ['done', liaison.civil!, {}],
      ['reassign', commander, { unitId: unit.union, reason: '再派' }],
      ['close', commander, { reason: '再关' }],
    ] as const)
      expect((await api('POST', `/tasks/${taskId}/${path}`, who, body)).status, path).toBe(409);
    const history = (await api('GET', `/tasks/${taskId}`, commander)).body.history.map((e: any) => e.type);
    expect(history).toEqual(['task.created', 'task.updated', 'alert.raised', 'task.updated', 'alert.resolved', 'task.updated', 'task.updated']);
  });

  it('a retried creation or progress note with the same Idempotency-Key takes effect once and answers the same', async () => {
    const body = { unitId: unit.union, role: 'support', title: '组织职工慰问', description: '慰问中毒职工家属', dueAt: due(6) };
    const headers = { 'idempotency-key': 'task-create-retry-1' };
    const first = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, { token: commander, body, headers });
    const retry = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, { token: commander, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.task.id).toBe(first.body.task.id);
    const titles = (await api('GET', `/incidents/${incidentId}/tasks`, commander)).body.tasks.map((t: any) => t.title);
    expect(titles.filter((t: string) => t === '组织职工慰问')).toHaveLength(1);

    const reused = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, { token: commander, body: { ...body, title: '另一项' }, headers });
    expect(reused.status).toBe(409);
    expect(reused.body.errors[0].field).toBe('Idempotency-Key');

    const taskOfUnion = first.body.task.id;
    expect((await api('POST', `/tasks/${taskOfUnion}/accept`, liaison.union!, {})).status).toBe(200);
    const note = { 'idempotency-key': 'task-progress-retry-1' };
    for (let i = 0; i < 2; i++) {
      const sent = await server.request('POST', `/api/v1/tasks/${taskOfUnion}/progress`, { token: liaison.union!, body: { note: '已联系家属三户' }, headers: note });
      expect(sent.status).toBe(200);
      expect(sent.body.task.lastNote).toBe('已联系家属三户');
    }
    const history = (await api('GET', `/tasks/${taskOfUnion}`, commander)).body.history;
    expect(history.filter((e: any) => e.type === 'task.updated' && e.data.action === 'progress')).toHaveLength(1);
  });

  it('a unit that was never notified but holds a task hears of the 终报 that closes the incident', async () => {
    const civilSocket = await server.connect(liaison.civil!);
    expect((await api('GET', `/incidents/${incidentId}`, liaison.civil!)).body.notifications).toEqual([]);
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '任务测试' });
    const closed = await api('POST', `/incidents/${incidentId}/reports`, commander, { ...facts, kind: 'final', closeOverride: { reason: '测试结案' } });
    expect(closed.status).toBe(201);
    const heard = await civilSocket.waitFor((type, e) => type === 'incident.closed' && e.incidentId === incidentId);
    expect(heard.data.incidentId).toBe(incidentId);
  });

  it('an unknown task is 404 for everyone', async () => {
    expect((await api('POST', '/tasks/tsk_nope/accept', liaison.union!, {})).status).toBe(404);
    expect((await api('GET', '/tasks/tsk_nope', commander)).status).toBe(404);
  });
});
