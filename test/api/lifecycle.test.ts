/**
 * An incident's whole life on one injected clock: the 初报 and its upward-reporting clocks, a
 * decline reassigned by the commander, joint response tasks (one chased by the engine), a 续报
 * that raises the severity (new obligations, re-acknowledgement), overdue reports raising 督办,
 * the 终报 refused while things are open and accepted once they are not, and the after-action
 * account checked against the events that produced it — over HTTP and socket.io.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../../src/domain/account.js';
import { minutesLate } from '../../src/domain/timeliness.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z'); // 08:40 in 信阳, the report's receipt time
const min = (n: number) => n * 60_000;
let server: TestServer;
let sms: RecordingAdapter;
let duty: string;
let commander: string;
let commanderSocket: TestSocket;
let unionSocket: TestSocket;
const unit: Record<string, string> = {};
const token: Record<string, string> = {};
let incidentId: string;
let v1: Record<string, string>;

const at = (minutes: number) => {
  server.clock!.now = new Date(START.getTime() + min(minutes));
};
const api = (method: string, path: string, who: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token: who, body });
const obligationsNow = async () => (await api('GET', `/incidents/${incidentId}/obligations`, duty)).body.obligations as any[];
const openAlerts = async () => (await api('GET', `/alerts?open=false&incidentId=${incidentId}`, commander)).body.alerts as any[];

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, manualEngine: true, adapters: { aliyun: sms } });
  duty = await server.login('duty');
  commander = await server.login('commander');
  for (const [key, name] of [
    ['wjw', '卫生健康委'],
    ['union', '总工会'],
    ['hrss', '人力资源'],
    ['safety', '应急管理'],
    ['market', '市场监督'],
    ['transport', '住房和城乡'],
  ] as const) {
    unit[key] = await unitIdByName(server, duty, 'xinyang', name);
    token[key] = await server.login(`liaison.${unit[key]}`);
  }
  expect((await api('POST', '/me/phones', token.safety!, { phone: '13900000011' })).status).toBe(201);
  commanderSocket = await server.connect(commander);
  unionSocket = await server.connect(token.union!);
});
afterAll(async () => server?.close());

describe('an incident from 初报 to 终报', () => {
  it('初报: a general accident brings its statutory clocks, counted from the receipt', async () => {
    const filed = await api('POST', '/incidents', duty, xinyangReport({ title: '全流程演示事故' }));
    expect(filed.status).toBe(201);
    incidentId = filed.body.id;
    v1 = Object.fromEntries(filed.body.notifications.map((n: any) => [n.unitId, n.id]));
    const list = await obligationsNow();
    expect(list.map((o) => o.key).sort()).toEqual(['ohs_general_government', 'ohs_general_superior_health', 'psa_emergency_management']);
    const gov = list.find((o) => o.key === 'ohs_general_government');
    expect(gov).toMatchObject({ state: 'due', statutoryMinutes: 360, recipient: { name: '信阳市人民政府' }, dueAt: new Date(START.getTime() + min(360)).toISOString() });
    expect(gov.citation).toContain('第七条');
    expect(list.find((o) => o.key === 'psa_emergency_management').informational).toBe(true);
    await commanderSocket.waitFor((type, e) => type === 'obligation.created' && e.incidentId === incidentId);
    // Obligations are the commission's: units see neither them nor their events.
    expect((await api('GET', `/incidents/${incidentId}/obligations`, token.union!)).status).toBe(403);
    expect((await api('GET', `/incidents/${incidentId}/obligations`, token.transport!)).status).toBe(404);
  });

  it('units read, acknowledge on time and late; one declines', async () => {
    at(3);
    expect((await api('POST', `/notifications/${v1[unit.union!]}/read`, token.union!)).status).toBe(204);
    at(5);
    expect((await api('POST', `/notifications/${v1[unit.union!]}/acknowledge`, token.union!, { note: '已派员赶赴现场' })).status).toBe(200);
    at(6);
    expect((await api('POST', `/notifications/${v1[unit.hrss!]}/decline`, token.hrss!, { reason: '不属于本部门职责' })).status).toBe(200);
    at(35); // the lead's deadline is 30 minutes; the commission's own unit is not chased for what it filed
    const own = await api('POST', `/notifications/${v1[unit.wjw!]}/acknowledge`, token.wjw!, {});
    expect(own.body).toMatchObject({ alreadyAcknowledged: true });
    expect((await openAlerts()).filter((a) => a.kind === 'declined' && !a.resolvedAt)).toHaveLength(1);
  });

  it('the decline stays open until a commander reassigns it; the new unit is notified and the alert closes', async () => {
    const path = `/notifications/${v1[unit.hrss!]}/resolve-decline`;
    const body = { action: 'reassign', unitId: unit.market, reason: '无照经营，由市场监管局牵头查处' };
    expect((await api('POST', path, duty, body)).status).toBe(403);
    expect((await api('POST', path, token.hrss!, body)).status).toBe(403);
    expect((await api('POST', path, token.transport!, body)).status).toBe(404);
    expect((await api('POST', path, commander, { action: 'reassign', unitId: 'nobody', reason: '改派' })).body.errors[0].field).toBe('unitId');
    const resolved = await api('POST', path, commander, body);
    expect(resolved.status).toBe(200);
    expect(resolved.body.notification).toMatchObject({ state: 'declined', declineResolution: 'reassigned', reassignedTo: resolved.body.reassignedTo.id });
    expect(resolved.body.reassignedTo).toMatchObject({ unitId: unit.market, role: 'support', state: 'pending' });
    expect(resolved.body.alreadyResolved).toBe(false);
    expect((await api('POST', path, commander, { action: 'confirm', reason: '重复处理' })).status).toBe(409);
    expect((await api('POST', path, commander, { ...body, reason: '另一个理由' })).status).toBe(409);
    // The same reassignment sent again (its answer lost on the way back) is the one made: nobody is notified twice.
    const retried = await api('POST', path, commander, body);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ...resolved.body, alreadyResolved: true });
    const inbox = await api('GET', '/inbox', token.market!);
    expect(inbox.body.notifications.filter((n: any) => n.incidentId === incidentId)).toHaveLength(1);
    expect(inbox.body.notifications.some((n: any) => n.id === resolved.body.reassignedTo.id)).toBe(true);
    const declined = (await openAlerts()).find((a) => a.kind === 'declined');
    expect(declined.resolvedAt).not.toBeNull();
    expect(declined.resolution).toContain('改派');
    await commanderSocket.waitFor((type, e) => type === 'notification.decline_resolved' && e.incidentId === incidentId);
  });

  let unionTask: string;
  let safetyTask: string;
  it('a commander assigns tasks, from the rulebook’s suggestion and written; the units are told', async () => {
    const suggestions = await api('GET', `/incidents/${incidentId}/task-suggestions`, commander);
    expect(suggestions.body.suggestions.map((s: any) => s.id)).toEqual(expect.arrayContaining(['wjw_coordinate_rescue', 'zgh_join_investigation', 'yjj_safety_conditions']));
    expect((await api('POST', `/incidents/${incidentId}/tasks`, duty, { suggestionId: 'zgh_join_investigation' })).status).toBe(403);
    expect((await api('POST', `/incidents/${incidentId}/tasks`, token.union!, { suggestionId: 'zgh_join_investigation' })).status).toBe(403);
    const fromSuggestion = await api('POST', `/incidents/${incidentId}/tasks`, commander, { suggestionId: 'zgh_join_investigation' });
    expect(fromSuggestion.status).toBe(201);
    expect(fromSuggestion.body.task).toMatchObject({ unitId: unit.union, role: 'support', state: 'open', suggestionId: 'zgh_join_investigation' });
    expect(fromSuggestion.body.task.description).toContain('依法参与职业病危害事故的调查处理工作');
    unionTask = fromSuggestion.body.task.id;
    const bad = await api('POST', `/incidents/${incidentId}/tasks`, commander, { unitId: unit.safety, role: 'support', title: '核查', description: '核查' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['dueAt']);
    const written = await api('POST', `/incidents/${incidentId}/tasks`, commander, {
      unitId: unit.safety,
      role: 'support',
      title: '核查事故单位安全生产条件',
      description: '对事故单位开展安全生产检查，结果反馈市卫生健康委',
      dueAt: new Date(START.getTime() + min(65)).toISOString(),
    });
    expect(written.status).toBe(201);
    safetyTask = written.body.task.id;
    await unionSocket.waitFor((type, e) => type === 'task.created' && e.data.task.id === unionTask);
    // The unit's first notice goes out over its channels too.
    await server.engine.tick();
    expect(sms.to('+8613900000011').map((s) => s.message.title)).toContain('【联合处置任务】核查事故单位安全生产条件');
  });

  it('the unit accepts and reports progress; nobody else may act for it', async () => {
    expect((await api('POST', `/tasks/${unionTask}/accept`, token.transport!, {})).status).toBe(404);
    expect((await api('POST', `/tasks/${unionTask}/accept`, duty, {})).status).toBe(403);
    expect((await api('POST', `/tasks/${unionTask}/progress`, token.union!, { note: '先说进展' })).status).toBe(409);
    const accepted = await api('POST', `/tasks/${unionTask}/accept`, token.union!, {});
    expect(accepted.body.task).toMatchObject({ state: 'accepted', acceptedBy: expect.any(String) });
    expect((await api('POST', `/tasks/${unionTask}/accept`, token.union!, {})).body.alreadyAccepted).toBe(true);
    expect((await api('POST', `/tasks/${unionTask}/progress`, token.union!, { note: '' })).status).toBe(422);
    expect((await api('POST', `/tasks/${unionTask}/progress`, token.union!, { note: '已派员参与现场调查' })).body.task.lastNote).toBe('已派员参与现场调查');
    expect((await api('POST', `/tasks/${unionTask}/reassign`, token.union!, { unitId: unit.hrss, reason: '转人社' })).status).toBe(403);
    const mine = await api('GET', '/tasks', token.union!);
    expect(mine.body.tasks.map((t: any) => t.id)).toEqual([unionTask]);
    const history = await api('GET', `/tasks/${unionTask}`, token.union!);
    expect(history.body.history.map((e: any) => e.type)).toEqual(['task.created', 'task.updated', 'task.updated']);
  });

  it('an overdue task climbs the same ladder as a late acknowledgement, up to a 督办 alert', async () => {
    const steps = async () =>
      ((await api('GET', `/tasks/${safetyTask}`, commander)).body.history as any[]).filter((e) => e.type === 'task.escalated').map((e) => e.data.step);
    at(64);
    await server.engine.tick();
    expect(await steps()).toEqual([]);
    at(66);
    await server.engine.tick();
    expect(await steps()).toEqual(['resend']);
    expect(sms.to('+8613900000011').map((s) => s.message.title)).toContain('【任务催办】核查事故单位安全生产条件');
    at(65 + 30); // the rulebook's commander step for a general incident
    await server.engine.tick();
    expect(await steps()).toEqual(['resend', 'unit_head', 'commander']);
    expect((await openAlerts()).find((a) => a.taskId === safetyTask)).toMatchObject({ kind: 'task_overdue', unitId: unit.safety });
  });

  let v2: Record<string, string>;
  it('续报: a death raises the severity; new obligations at once, every unit asked again, the reassignment kept', async () => {
    at(100);
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '全流程演示事故' });
    const follow = await api('POST', `/incidents/${incidentId}/reports`, duty, {
      ...facts,
      kind: 'follow_up',
      casualties: { exposed: 8, acuteCases: 3, severeCases: 1, deaths: 1, anthraxCases: 0 },
    });
    expect(follow.status).toBe(201);
    expect(follow.body.severity).toBe('major');
    v2 = Object.fromEntries(follow.body.notifications.map((n: any) => [n.unitId, n.id]));
    expect(Object.keys(v2)).toContain(unit.market);
    expect(Object.keys(v2)).not.toContain(unit.hrss);
    const list = await obligationsNow();
    expect(list.map((o) => o.key).sort()).toEqual([
      'ohs_general_government',
      'ohs_general_superior_health',
      'ohs_serious_government',
      'ohs_serious_national_health',
      'ohs_serious_provincial_health',
      'phe_government',
      'phe_national_health',
      'phe_superior_health',
      'psa_emergency_management',
    ]);
    // 卫生部令第25号第七条: the 一般 6-hour duties the 重大 立即 ones replace are superseded, not left open beside them.
    for (const key of ['ohs_general_government', 'ohs_general_superior_health']) {
      const old = list.find((o) => o.key === key);
      expect(['submitted', 'superseded'], key).toContain(old.state);
      if (!old.submission) expect(old.supersededByKey, key).toMatch(/^ohs_serious_/);
    }
    expect(list.filter((o) => o.state === 'superseded').length).toBeGreaterThan(0);
    const serious = list.find((o) => o.key === 'ohs_serious_government');
    expect(serious).toMatchObject({ createdByVersion: 2, startsAt: server.clock!.now.toISOString(), deadlineText: '立即（目标30分钟内）' });
    const pending = await unionSocket.waitFor((type, e) => type === 'notification.created' && e.data.notification.id === v2[unit.union!]);
    expect(pending.data.notification.reportVersion).toBe(2);
    at(104);
    expect((await api('POST', `/notifications/${v2[unit.union!]}/acknowledge`, token.union!, {})).status).toBe(200);
  });

  it('an upward report not made in time raises a 督办 alert through the same engine', async () => {
    at(131);
    await server.engine.tick();
    const overdue = (await openAlerts()).filter((a) => a.kind === 'obligation_overdue');
    expect(overdue.map((a) => a.obligationId).sort()).toEqual(
      (await obligationsNow()).filter((o) => o.key.startsWith('ohs_serious')).map((o) => o.id).sort(),
    );
    expect(overdue[0].reason).toContain('上报逾期');
    expect((await obligationsNow()).find((o) => o.key === 'ohs_serious_government').state).toBe('overdue');
  });

  it('上报: recording how, when and by whom; a document needs its number; a second record is refused', async () => {
    at(140);
    const list = await obligationsNow();
    const gov = list.find((o) => o.key === 'ohs_serious_government');
    const path = (o: any) => `/incidents/${incidentId}/obligations/${o.id}/submit`;
    expect((await api('POST', path(gov), token.union!, { method: 'phone' })).status).toBe(403);
    const noNumber = await api('POST', path(gov), duty, { method: 'document' });
    expect(noNumber.body.errors.map((e: any) => e.field)).toEqual(['reference']);
    expect((await api('POST', path(gov), duty, { method: 'fax', submittedAt: '2026-11-23T12:00:00+08:00' })).status).toBe(422);
    // `covers: []`: this call was about this obligation only (one report per recipient is tested in one-report-per-recipient.test.ts).
    const phoned = await api('POST', path(gov), duty, { method: 'phone', reference: '市政府总值班室', submittedAt: new Date(START.getTime() + min(125)).toISOString(), covers: [] });
    expect(phoned.body.obligation).toMatchObject({ state: 'submitted', submission: { method: 'phone', onTime: true, lateByMinutes: 0, byName: expect.stringContaining('值班员') } });
    expect((await api('POST', path(gov), duty, { method: 'phone' })).status).toBe(409);
    for (const o of list.filter((x) => x.key !== 'ohs_serious_government' && !x.informational)) {
      const res = await api('POST', path(o), duty, { method: 'document', reference: '信卫职健〔2026〕12号', covers: [] });
      expect(res.status, `${o.key} ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it('终报 is refused while a task is open, naming it; only a commander may override', async () => {
    at(150);
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '全流程演示事故' });
    const final = { ...facts, kind: 'final', casualties: { exposed: 8, acuteCases: 3, severeCases: 1, deaths: 1, anthraxCases: 0 } };
    const refused = await api('POST', `/incidents/${incidentId}/reports`, duty, final);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('核查事故单位安全生产条件');
    expect(refused.body.open.tasks.map((t: any) => t.id).sort()).toEqual([unionTask, safetyTask].sort());
    expect(refused.body.open.obligations).toEqual([]);
    expect((await api('POST', `/incidents/${incidentId}/reports`, duty, { ...final, closeOverride: { reason: '赶时间' } })).status).toBe(403);
    // Nothing of the refused report was kept.
    expect((await api('GET', `/incidents/${incidentId}`, duty)).body.incident).toMatchObject({ status: 'open', version: 2 });

    expect((await api('POST', `/tasks/${unionTask}/done`, token.union!, { note: '调查报告已报送' })).body.task.state).toBe('done');
    expect((await api('POST', `/tasks/${safetyTask}/close`, commander, { reason: '已并入市安委会联合调查' })).body.task).toMatchObject({ state: 'closed', closeReason: '已并入市安委会联合调查' });
    const closed = await api('POST', `/incidents/${incidentId}/reports`, duty, final);
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('closed');
    await commanderSocket.waitFor((type, e) => type === 'incident.closed' && e.incidentId === incidentId);
  });

  it('the account’s figures are the events’ figures', async () => {
    at(200);
    const events = (await api('GET', `/incidents/${incidentId}/events?limit=1000`, duty)).body.events as any[];
    const account = (await api('GET', `/incidents/${incidentId}/account`, duty)).body;
    expect(account).toEqual(JSON.parse(JSON.stringify({ ...buildAccount(events, server.clock!.now), jurisdiction: account.jurisdiction, generatedAt: account.generatedAt, note: null })));
    const rows = new Map<string, any>(account.units.flatMap((u: any) => u.notifications).map((n: any) => [n.notificationId, n]));

    // Every notification created is accounted for, with its deadline.
    const created = events.filter((e) => e.type === 'notification.created');
    expect(rows.size).toBe(created.length);
    for (const e of created) expect(rows.get(e.data.notification.id).ackDueAt).toBe(e.data.notification.ackDueAt);
    // Every acknowledgement: when, by whom, over which channel, and minutes late against that deadline.
    const acks = events.filter((e) => e.type === 'notification.acknowledged');
    // The commission's own unit stands acknowledged by the filer at each version it is routed in.
    expect(acks.length).toBe(4);
    for (const e of acks) {
      const row = rows.get(e.data.notification.id);
      const late = minutesLate(new Date(e.data.notification.acknowledgedAt), new Date(row.ackDueAt));
      expect(row).toMatchObject({ acknowledgedAt: e.data.notification.acknowledgedAt, acknowledgedBy: e.data.notification.acknowledgedByName, acknowledgedVia: 'api', lateByMinutes: late, outcome: late ? 'late' : 'on_time' });
    }
    expect(rows.get(v1[unit.union!]!)).toMatchObject({ outcome: 'on_time', firstReadAt: new Date(START.getTime() + min(3)).toISOString(), acknowledgementNote: '已派员赶赴现场' });
    expect(rows.get(v1[unit.wjw!]!)).toMatchObject({ outcome: 'on_time', lateByMinutes: 0, acknowledgementNote: '本单位报送，无需签收' });
    expect(rows.get(v1[unit.hrss!]!)).toMatchObject({ outcome: 'declined', declineReason: '不属于本部门职责' });
    expect(rows.get(v1[unit.hrss!]!).declineResolution).toContain('改派');
    // A unit that never acknowledged the first version before the 续报 replaced it, past its deadline.
    expect(rows.get(v1[unit.safety!]!)).toMatchObject({ outcome: 'never', closedAs: 'superseded' });
    expect(rows.get(v1[unit.safety!]!).escalations.map((s: any) => s.step)).toEqual(['resend', 'unit_head', 'commander']);
    const outcomes = [...rows.values()].map((r) => r.outcome);
    expect(account.summary.notifications.on_time).toBe(outcomes.filter((o) => o === 'on_time').length);
    expect(account.summary.notifications.total).toBe(created.length);

    // Every upward report: due, submitted, minutes late — from its events.
    const submitted = events.filter((e) => e.type === 'obligation.submitted');
    expect(submitted).toHaveLength(8);
    for (const e of submitted) {
      const row = account.obligations.find((o: any) => o.id === e.data.obligation.id);
      const late = minutesLate(new Date(e.data.obligation.submission.at), new Date(e.data.obligation.dueAt));
      expect(row).toMatchObject({ submittedAt: e.data.obligation.submission.at, dueAt: e.data.obligation.dueAt, lateByMinutes: late });
    }
    expect(account.obligations.find((o: any) => o.key === 'ohs_general_government')).toMatchObject({ outcome: 'on_time', method: 'document' });
    expect(account.obligations.find((o: any) => o.key === 'ohs_serious_national_health')).toMatchObject({ outcome: 'late', lateByMinutes: 10 });
    expect(account.obligations.find((o: any) => o.key === 'ohs_serious_government').overdueAlertAt).toBe(new Date(START.getTime() + min(131)).toISOString());
    // Tasks: the union's done on time, the other closed with its reason after its ladder.
    expect(account.tasks.find((t: any) => t.id === unionTask)).toMatchObject({ outcome: 'on_time', state: 'done' });
    expect(account.tasks.find((t: any) => t.id === safetyTask)).toMatchObject({ outcome: 'closed', closeReason: '已并入市安委会联合调查' });
    expect(account.tasks.find((t: any) => t.id === safetyTask).escalations).toHaveLength(3);
    expect(account.incident).toMatchObject({ drill: false, closedAt: new Date(START.getTime() + min(150)).toISOString(), severity: 'major' });
    expect(account.incident.versions.map((v: any) => v.kind)).toEqual(['initial', 'follow_up', 'final']);
  });

  it('the account prints and downloads; it is the commission’s', async () => {
    const html = await server.request('GET', `/api/v1/incidents/${incidentId}/account?format=html`, { token: duty });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('事后报告：全流程演示事故');
    expect(html.body).toContain('@media print');
    expect(html.body).toContain('逾期10分钟');
    expect(html.body).not.toContain('【演练】');
    const csv = await fetch(`${server.url}/api/v1/incidents/${incidentId}/account?format=csv`, { headers: { authorization: `Bearer ${duty}` } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('类别,单位/对象');
    expect(text).toContain('信阳市总工会');
    expect(text.split('\r\n').filter((l) => l.startsWith('上报,'))).toHaveLength(9);
    expect((await api('GET', `/incidents/${incidentId}/account`, token.union!)).status).toBe(403);
    expect((await api('GET', `/incidents/${incidentId}/account`, token.transport!)).status).toBe(404);
  });

  it('the units saw their own events live, and nothing of the commission’s', async () => {
    const types = new Set(unionSocket.received.filter((r) => r.envelope.incidentId === incidentId).map((r) => r.type));
    expect([...types]).toEqual(expect.arrayContaining(['notification.created', 'task.created', 'task.updated', 'incident.closed']));
    expect([...types].some((t) => t.startsWith('obligation.') || t.startsWith('alert.'))).toBe(false);
    const commanderTypes = new Set(commanderSocket.received.filter((r) => r.envelope.incidentId === incidentId).map((r) => r.type));
    expect([...commanderTypes]).toEqual(expect.arrayContaining(['obligation.created', 'obligation.overdue', 'obligation.submitted', 'task.escalated', 'alert.raised', 'alert.resolved']));
  });
});
