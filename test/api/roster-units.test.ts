/**
 * 成员单位调整 and 成员调整 over HTTP: a unit's duty change makes a new rulebook version with who
 * and why, an incident routed before keeps its version; a merged unit's duties and people pass to
 * the survivor and it is routed no more; a retired unit is not offered; a unit proposes a change of
 * its liaison and the office confirms or rejects it, each step in the log.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, memberChanges, memberUnits, reportVersions, users } from '../../src/db/schema.js';
import { xinyangReport } from '../support/reports.js';
import { makeJurisdictionAdmin } from '../support/roster-admins.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
let duty: string;
let units: any[];
const unit = (part: string) => units.find((u) => u.name.includes(part));
let key = 0;
const file = (title: string) => server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }), headers: { 'idempotency-key': `roster-units-${key++}-${Date.now()}` } });
const versionOf = async (incidentId: string) =>
  (await server.services.db.select({ v: reportVersions.rulebookVersion }).from(reportVersions).where(eq(reportVersions.incidentId, incidentId)))[0]!.v;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
  admin = await server.login('admin');
  duty = await server.login('duty');
  units = (await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin })).body.units;
});
afterAll(async () => server?.close());

describe('成员单位调整 makes rulebook versions', () => {
  it('changing a unit’s duties makes a new version with who, when and why; an incident routed before keeps its version', async () => {
    const before = await file('调整前的事故');
    expect(before.status).toBe(201);
    const oldVersion = await versionOf(before.body.id);
    const union = unit('总工会');
    const duties = [...union.duties, { ref: '（新增）', text: '参与职业病危害事故的善后处理和职工权益维护工作。' }];
    const changed = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { action: 'duties', unitId: union.id, duties, reason: '市政府办公室调整总工会职责' } });
    expect(changed.status).toBe(201);
    expect(changed.body.rulebookVersion).toBe(`${oldVersion}-1`);

    const history = (await server.request('GET', '/api/v1/admin/jurisdictions/xinyang/rulebook-versions', { token: admin })).body;
    expect(history.current).toBe(`${oldVersion}-1`);
    expect(history.versions[0]).toMatchObject({ version: `${oldVersion}-1`, basedOn: oldVersion, reason: '市政府办公室调整总工会职责', current: true });
    expect(history.versions[0].by).toBeTruthy();
    expect(history.versions.find((v: any) => v.version === oldVersion).current).toBe(false);
    const view = (await server.request('GET', `/api/v1/admin/jurisdictions/xinyang/rulebook-versions/${encodeURIComponent(`${oldVersion}-1`)}`, { token: admin })).body;
    expect(view.units.find((u: any) => u.id === union.id).duties.at(-1).ref).toBe('（新增）');

    expect(await versionOf(before.body.id)).toBe(oldVersion);
    const after = await file('调整后的事故');
    expect(await versionOf(after.body.id)).toBe(`${oldVersion}-1`);
    const [logged] = await server.services.db.select().from(events).where(eq(events.type, 'unit.changed'));
    expect(logged!.data).toMatchObject({ action: 'duties', unitId: union.id, reason: '市政府办公室调整总工会职责' });
  });

  it('a restart installs the bundled rulebooks again without undoing the administered version', async () => {
    const { installRulebooks } = await import('../../src/services/rulebooks/install.js');
    const { loadBundledRulebooks } = await import('../../src/rulebooks/index.js');
    const before = (await server.request('GET', '/api/v1/admin/jurisdictions/xinyang/rulebook-versions', { token: admin })).body.current;
    expect(before).toMatch(/-1$/);
    await installRulebooks(server.services.db, loadBundledRulebooks());
    expect((await server.request('GET', '/api/v1/admin/jurisdictions/xinyang/rulebook-versions', { token: admin })).body.current).toBe(before);
    const union = (await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin })).body.units.find((u: any) => u.name.includes('总工会'));
    expect(union.duties.at(-1).ref).toBe('（新增）');
  });

  it('a duty clause a routing rule cites cannot be removed; the answer names the rule and nothing changes', async () => {
    const union = unit('总工会');
    const res = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', {
      token: admin,
      body: { action: 'duties', unitId: union.id, duties: [{ ref: '（一）', text: '只剩下一条无关的职责条款。' }], reason: '误删测试' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toContain('不能删去该条款');
    const history = (await server.request('GET', '/api/v1/admin/jurisdictions/xinyang/rulebook-versions', { token: admin })).body;
    expect(history.versions.filter((v: any) => v.reason)).toHaveLength(1);
  });

  it('merging a unit moves its duties, rules and people to the survivor, which is routed instead', async () => {
    const union = unit('总工会');
    const survivor = unit('人力资源');
    const routedBefore = (await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() })).body.routing.map((d: any) => d.unitId);
    expect(routedBefore).toContain(union.id);
    const res = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { action: 'merge', unitId: union.id, intoUnitId: survivor.id, reason: '机构改革，职能并入人社局' } });
    expect(res.status).toBe(201);
    const routedAfter = (await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() })).body.routing;
    expect(routedAfter.map((d: any) => d.unitId)).not.toContain(union.id);
    expect(routedAfter.map((d: any) => d.unitId)).toContain(survivor.id);
    const [moved] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${union.id}`));
    expect(moved!.unitId).toBe(survivor.id);
    const listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units.map((u: any) => u.id);
    expect(listed).not.toContain(union.id);
    const admins = (await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin })).body.units;
    expect(admins.find((u: any) => u.id === union.id)).toMatchObject({ mergedInto: survivor.id });
    expect(admins.find((u: any) => u.id === survivor.id).duties.some((d: any) => d.ref.startsWith('原'))).toBe(true);
  });

  it('adding, renaming and retiring a unit: a retired unit is no longer listed', async () => {
    const added = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', {
      token: admin,
      body: { action: 'add', name: '信阳市数据局', shortName: '数据局', duties: [{ ref: '', text: '负责职业病防治相关数据的共享和汇聚工作。' }], reason: '新组建的数据局加入联席会议' },
    });
    expect(added.status).toBe(201);
    const renamed = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { action: 'rename', unitId: added.body.unitId, name: '信阳市大数据管理局', shortName: '大数据局', reason: '更名' } });
    expect(renamed.status).toBe(201);
    let listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
    expect(listed.find((u: any) => u.id === added.body.unitId).name).toBe('信阳市大数据管理局');
    const retired = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { action: 'retire', unitId: added.body.unitId, reason: '撤销' } });
    expect(retired.status).toBe(201);
    listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
    expect(listed.map((u: any) => u.id)).not.toContain(added.body.unitId);
    const commission = unit('卫生健康');
    expect((await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { action: 'retire', unitId: commission.id, reason: '不应允许' } })).status).toBe(422);
  });

  it('a jurisdiction administrator changes its own jurisdiction only; a commander may not', async () => {
    const anjiAdmin = await makeJurisdictionAdmin(server, 'anji');
    const body = { action: 'rename', unitId: unit('人力资源').id, name: '改名尝试局', shortName: '尝试', reason: '越权尝试' };
    expect((await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: anjiAdmin, body })).status).toBe(404);
    expect((await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: await server.login('commander'), body })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/admin/jurisdictions/anji/rulebook-versions', { token: anjiAdmin })).status).toBe(200);
  });
});

describe('成员调整: the unit proposes, the office confirms', () => {
  it('a liaison proposes a new liaison; the office confirms with an initial password; the new person logs in; both steps are in the log', async () => {
    const unitId = unit('生态环境').id;
    const liaison = await server.login(`liaison.${unitId}`);
    const proposed = await server.request('POST', '/api/v1/member-changes', {
      token: liaison,
      body: { unitId, kind: 'add_person', person: { displayName: '冯新联络员', role: 'liaison', username: 'feng.liaison', phone: '13900000021' }, reason: '原联络员调岗，新增联络员' },
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.change).toMatchObject({ state: 'proposed', unitId, kind: 'add_person' });
    const mine = (await server.request('GET', '/api/v1/member-changes', { token: liaison })).body.changes;
    expect(mine.map((c: any) => c.id)).toContain(proposed.body.change.id);
    const other = await server.login(`liaison.${unit('应急管理').id}`);
    expect((await server.request('GET', '/api/v1/member-changes', { token: other })).body.changes).toEqual([]);
    // A unit does not confirm its own proposal.
    expect((await server.request('POST', `/api/v1/member-changes/${proposed.body.change.id}/decision`, { token: liaison, body: { decision: 'confirm', reason: '自己确认', initialPassword: 'initial-pass-1' } })).status).toBe(403);

    const pending = (await server.request('GET', '/api/v1/member-changes?jurisdictionId=xinyang&state=proposed', { token: admin })).body.changes;
    expect(pending.map((c: any) => c.id)).toContain(proposed.body.change.id);
    const confirmed = await server.request('POST', `/api/v1/member-changes/${proposed.body.change.id}/decision`, {
      token: admin,
      body: { decision: 'confirm', reason: '经联席会议办公室确认', initialPassword: 'initial-pass-1' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.change).toMatchObject({ state: 'confirmed', decisionReason: '经联席会议办公室确认' });
    const token = await server.login('feng.liaison', 'initial-pass-1');
    expect((await server.request('GET', '/api/v1/auth/me', { token })).body).toMatchObject({ unitId, role: 'liaison', mustChangePassword: true });
    expect((await server.request('POST', `/api/v1/member-changes/${proposed.body.change.id}/decision`, { token: admin, body: { decision: 'reject', reason: '再次处理' } })).status).toBe(409);
    const logged = await server.services.db.select().from(events).where(and(eq(events.jurisdictionId, 'xinyang'))).orderBy(events.seq);
    const steps = logged.filter((e) => e.type.startsWith('member_change.') && (e.data as any).change.id === proposed.body.change.id);
    expect(steps.map((e) => [e.type, (e.data as any).reason])).toEqual([
      ['member_change.proposed', '原联络员调岗，新增联络员'],
      ['member_change.confirmed', '经联席会议办公室确认'],
    ]);
    expect(steps.every((e) => e.audienceUnits.includes(unitId) && e.actorId)).toBe(true);
  });

  it('a head proposes removing a liaison; the office rejects it with a reason and the liaison stays', async () => {
    const unitId = unit('应急管理').id;
    const head = await server.login(`head.${unitId}`);
    const [liaison] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${unitId}`));
    const proposed = await server.request('POST', '/api/v1/member-changes', { token: head, body: { unitId, kind: 'remove_person', userId: liaison!.id, reason: '该同志已退休' } });
    expect(proposed.status).toBe(201);
    const rejected = await server.request('POST', `/api/v1/member-changes/${proposed.body.change.id}/decision`, { token: admin, body: { decision: 'reject', reason: '请先提名接替的联络员' } });
    expect(rejected.body.change).toMatchObject({ state: 'rejected', decisionReason: '请先提名接替的联络员' });
    const [still] = await server.services.db.select().from(users).where(eq(users.id, liaison!.id));
    expect(still!.active).toBe(true);
    const unitView = (await server.request('GET', '/api/v1/member-changes', { token: head })).body.changes;
    expect(unitView.find((c: any) => c.id === proposed.body.change.id).state).toBe('rejected');
  });

  it('a proposal without its person or for another unit is refused and writes nothing', async () => {
    const unitId = unit('应急管理').id;
    const head = await server.login(`head.${unitId}`);
    const missing = await server.request('POST', '/api/v1/member-changes', { token: head, body: { unitId, kind: 'add_person', reason: '缺少人员信息' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: any) => e.field)).toContain('person');
    expect((await server.request('POST', '/api/v1/member-changes', { token: head, body: { unitId: unit('生态环境').id, kind: 'add_person', person: { displayName: '某', role: 'liaison', username: 'x.someone' }, reason: '替别的单位提' } })).status).toBe(404);
  });
});

describe('成员调整: nothing proposed twice, the password policy on confirming', () => {
  const changesOf = async (where: ReturnType<typeof eq>) => (await server.services.db.select({ n: count() }).from(memberChanges).where(where))[0]!.n;
  const proposedEvents = async () => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'member_change.proposed')))[0]!.n;

  it('a retried proposal with its Idempotency-Key answers the first and adds nothing; another body with the key is a 409', async () => {
    const unitId = unit('生态环境').id;
    const liaison = await server.login(`liaison.${unitId}`);
    const headers = { 'idempotency-key': 'member-change-retry-0001' };
    const body = { unitId, kind: 'add_person', person: { displayName: '重试联络员', role: 'liaison', username: 'retry.liaison' }, reason: '网络不好，重发一次' };
    const eventsBefore = await proposedEvents();
    const first = await server.request('POST', '/api/v1/member-changes', { token: liaison, body, headers });
    const retry = await server.request('POST', '/api/v1/member-changes', { token: liaison, body, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.change.id).toBe(first.body.change.id);
    const byUsername = sql`${memberChanges.person}->>'username' = 'retry.liaison'` as never;
    expect(await changesOf(byUsername)).toBe(1);
    expect(await proposedEvents()).toBe(eventsBefore + 1);
    const other = await server.request('POST', '/api/v1/member-changes', { token: liaison, body: { ...body, reason: '另一个理由' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    expect(await changesOf(byUsername)).toBe(1);
    expect(await proposedEvents()).toBe(eventsBefore + 1);
  });

  it('a second pending removal of the same person, or a second pending add of the same username, is a 409 until the first is decided', async () => {
    const unitId = unit('财政').id;
    const head = await server.login(`head.${unitId}`);
    const [liaison] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${unitId}`));
    const remove = { unitId, kind: 'remove_person', userId: liaison!.id, reason: '该同志已调离' };
    const first = await server.request('POST', '/api/v1/member-changes', { token: head, body: remove });
    expect(first.status).toBe(201);
    const second = await server.request('POST', '/api/v1/member-changes', { token: head, body: { ...remove, reason: '再提一次' } });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.body.errors[0].field).toBe('userId');
    // A replacement of the same person is the same person's change: also refused.
    const replace = { unitId, kind: 'replace_person', userId: liaison!.id, person: { displayName: '接替者', role: 'liaison', username: 'successor.cz' }, reason: '换人' };
    expect((await server.request('POST', '/api/v1/member-changes', { token: head, body: replace })).status).toBe(409);
    expect(await changesOf(and(eq(memberChanges.userId, liaison!.id), eq(memberChanges.state, 'proposed')) as never)).toBe(1);

    // The same username proposed twice (here by another unit): refused while the first is pending.
    const add = { unitId, kind: 'add_person', person: { displayName: '新人', role: 'liaison', username: 'twice.proposed' }, reason: '新增联络员' };
    expect((await server.request('POST', '/api/v1/member-changes', { token: head, body: add })).status).toBe(201);
    const otherUnit = unit('应急管理').id;
    const again = await server.request('POST', '/api/v1/member-changes', { token: admin, body: { ...add, unitId: otherUnit } });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('person.username');

    // Once the removal is decided, a new one may be proposed.
    expect((await server.request('POST', `/api/v1/member-changes/${first.body.change.id}/decision`, { token: admin, body: { decision: 'reject', reason: '暂不调整' } })).status).toBe(200);
    expect((await server.request('POST', '/api/v1/member-changes', { token: head, body: { ...remove, reason: '再次提出' } })).status).toBe(201);
  });

  it('two removals of the same person at once: one is proposed, the other refused', async () => {
    const unitId = unit('人力资源').id;
    const head = await server.login(`head.${unitId}`);
    const [liaison] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${unitId}`));
    const body = { unitId, kind: 'remove_person', userId: liaison!.id, reason: '同时提出' };
    const answers = await Promise.all([0, 1].map(() => server.request('POST', '/api/v1/member-changes', { token: head, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await changesOf(and(eq(memberChanges.userId, liaison!.id), eq(memberChanges.state, 'proposed')) as never)).toBe(1);
  });

  it('confirming with an initial password the policy refuses is a 422 naming initialPassword, and changes nothing', async () => {
    const unitId = unit('应急管理').id;
    const head = await server.login(`head.${unitId}`);
    const proposed = await server.request('POST', '/api/v1/member-changes', {
      token: head,
      body: { unitId, kind: 'add_person', person: { displayName: '弱密码', role: 'liaison', username: 'weak.password' }, reason: '新增联络员' },
    });
    expect(proposed.status).toBe(201);
    const decide = (initialPassword: string) =>
      server.request('POST', `/api/v1/member-changes/${proposed.body.change.id}/decision`, { token: admin, body: { decision: 'confirm', reason: '确认', initialPassword } });
    for (const [password, message] of [
      ['12345678', '密码至少10位'],
      ['1234567890', '密码过于常见，请换一个'],
      ['weak.password', '密码不能与用户名相同'],
    ]) {
      const refused = await decide(password!);
      expect(refused.status, password).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors).toContainEqual({ field: 'initialPassword', message });
    }
    expect(await server.services.db.select().from(users).where(eq(users.username, 'weak.password'))).toEqual([]);
    const [still] = await server.services.db.select().from(memberChanges).where(eq(memberChanges.id, proposed.body.change.id));
    expect(still!.state).toBe('proposed');
    expect((await decide('a-good-initial-pass')).status).toBe(200);
  });
});

describe('成员单位调整 retried with its Idempotency-Key', () => {
  it('a retried 新增 answers the first (one unit, one version, one event); another body with the key is a 409', async () => {
    const headers = { 'idempotency-key': 'unit-change-retry-0001' };
    const body = { action: 'add', name: '信阳市重试局', shortName: '重试局', kind: 'department', duties: [{ ref: '', text: '负责重试相关的职业病防治工作。' }], reason: '新组建' };
    const named = async () => (await server.services.db.select({ n: count() }).from(memberUnits).where(eq(memberUnits.name, '信阳市重试局')))[0]!.n;
    const changedEvents = async () => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'unit.changed')))[0]!.n;
    const eventsBefore = await changedEvents();
    const first = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await named()).toBe(1);
    expect(await changedEvents()).toBe(eventsBefore + 1);
    const other = await server.request('POST', '/api/v1/admin/jurisdictions/xinyang/unit-changes', { token: admin, body: { ...body, reason: '另一个理由' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    expect(await named()).toBe(1);
    expect(await changedEvents()).toBe(eventsBefore + 1);
  });
});
