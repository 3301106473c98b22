import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, memberUnits, users } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

let server: TestServer;
let admin: string;
let commander: string;
let duty: string;
let otherCommander: string;
let union: string;
let unionLiaison: string;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
  [admin, commander, duty, otherCommander] = (await Promise.all(['admin', 'commander', 'duty', 'commander.anji'].map((u) => server.login(u)))) as [string, string, string, string];
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  unionLiaison = await server.login(`liaison.${union}`);
});
afterAll(async () => server?.close());

describe('member units with their people (GET /admin/units)', () => {
  it('an admin sees every unit of 信阳 with its liaison and head, and who is on duty', async () => {
    const res = await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin });
    expect(res.status).toBe(200);
    const unit = res.body.units.find((u: any) => u.id === union);
    expect(unit.name).toContain('总工会');
    expect(unit.duties.length).toBeGreaterThan(0);
    expect(unit.people.map((p: any) => [p.username, p.role, p.onDuty])).toEqual(
      expect.arrayContaining([
        [`liaison.${union}`, 'liaison', true],
        [`head.${union}`, 'unit_head', true],
      ]),
    );
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
  });

  it('a commander reads its own jurisdiction; another jurisdiction is invisible (404)', async () => {
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: commander })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: otherCommander })).status).toBe(404);
  });

  it('a duty officer or a liaison may not (403); nobody signed in gets 401', async () => {
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: duty })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: unionLiaison })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang')).status).toBe(401);
  });
});

describe('the rulebook as it is (GET /admin/rulebooks/:id)', () => {
  it('lists each rule with its unit, role, a readable condition and the quoted clause', async () => {
    const res = await server.request('GET', '/api/v1/admin/rulebooks/xinyang', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.document.number).toBeTruthy();
    expect(res.body.ackDeadlineMinutes.lead.general).toBeGreaterThan(0);
    const unionRule = res.body.rules.find((r: any) => r.unitId === union);
    expect(unionRule).toMatchObject({ role: 'support', whenText: '所有事故', basis: { source: 'unit_duty' } });
    expect(unionRule.basis.quote).toContain('依法参与职业病危害事故的调查处理');
    expect(res.body.rules.every((r: any) => r.whenText && !r.whenText.startsWith('{'))).toBe(true);
  });

  it('an unknown jurisdiction is 404', async () => {
    expect((await server.request('GET', '/api/v1/admin/rulebooks/atlantis', { token: admin })).status).toBe(404);
  });
});

describe('users (GET/POST/PATCH /admin/users)', () => {
  it('an admin adds a liaison to a unit, who must change the password at first login and then sees the unit inbox', async () => {
    const res = await server.request('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'Zhang.Union', displayName: '张联络', password: 'a-good-password', role: 'liaison', unitId: union, phone: '13800000000' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'zhang.union', role: 'liaison', unitId: union, jurisdictionId: 'xinyang', onDuty: true, active: true, mustChangePassword: true });
    expect(res.body.oneTimePassword).toBeNull();
    const token = await server.login('zhang.union', 'a-good-password');
    expect((await server.request('GET', '/api/v1/inbox', { token })).status).toBe(403);
    const changed = await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'a-good-password', newPassword: '张联络自己选的新密码了' } });
    expect(changed.status).toBe(200);
    expect((await server.request('GET', '/api/v1/inbox', { token: changed.body.token })).status).toBe(200);
  });

  it('a taken username is 409, a bad body is 422 naming the fields', async () => {
    const taken = await server.request('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: `liaison.${union}`, displayName: 'x', password: 'a-good-password', role: 'liaison', unitId: union },
    });
    expect(taken.status).toBe(409);
    const bad = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { username: 'A', displayName: '', password: 'short', role: 'boss', unitId: union } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'role']));
    // A unit role needs its unit; a commission role has none.
    const noUnit = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { username: 'no.unit', displayName: '无单位', role: 'liaison' } });
    expect(noUnit.body.errors.map((e: any) => e.field)).toEqual(['unitId']);
    const unitDuty = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { username: 'unit.duty', displayName: '有单位', role: 'duty_officer', jurisdictionId: 'xinyang', unitId: union } });
    expect(unitDuty.body.errors.map((e: any) => e.field)).toEqual(['unitId']);
  });

  it('an initial password is held to the one policy (as 成员调整’s confirmation is), each problem on the password field', async () => {
    const body = { username: 'policy.check', displayName: '密码策略', role: 'liaison', unitId: union };
    for (const [password, message] of [
      ['12345678', '密码至少10位'],
      ['1234567890', '密码过于常见，请换一个'],
      ['policy.check', '密码不能与用户名相同'],
    ]) {
      const refused = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { ...body, password } });
      expect(refused.status, password).toBe(422);
      expect(refused.body.errors).toEqual([{ field: 'password', message }]);
    }
    expect(await server.services.db.select().from(users).where(eq(users.username, 'policy.check'))).toEqual([]);
  });

  it('only an admin changes people: a commander gets 403', async () => {
    const body = { username: 'cmd.try', displayName: '试', password: 'a-good-password', role: 'liaison', unitId: union };
    expect((await server.request('POST', '/api/v1/admin/users', { token: commander, body })).status).toBe(403);
    const list = await server.request('GET', `/api/v1/admin/users?jurisdictionId=xinyang&unitId=${union}`, { token: commander });
    expect(list.status).toBe(200);
    const liaison = list.body.users.find((u: any) => u.username === `liaison.${union}`);
    expect((await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: commander, body: { onDuty: false } })).status).toBe(403);
  });

  it('an admin puts a liaison off duty and back on, with a phone number', async () => {
    const list = await server.request('GET', `/api/v1/admin/users?unitId=${union}&role=liaison`, { token: admin });
    const liaison = list.body.users.find((u: any) => u.username === `liaison.${union}`);
    const off = await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: { onDuty: false } });
    expect(off.status).toBe(200);
    expect(off.body.user.onDuty).toBe(false);
    const units = await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin });
    expect(units.body.units.find((u: any) => u.id === union).people.find((p: any) => p.id === liaison.id).onDuty).toBe(false);
    const on = await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: { onDuty: true, phone: '0376-5550000' } });
    expect(on.body.user).toMatchObject({ onDuty: true, phone: '0376-5550000' });
    expect((await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: {} })).status).toBe(422);
    expect((await server.request('PATCH', '/api/v1/admin/users/usr_nobody', { token: admin, body: { onDuty: true } })).status).toBe(404);
  });

  it('a liaison is not moved to a retired unit, as no account is made in one; nothing changes', async () => {
    const science = await unitIdByName(server, admin, 'xinyang', '科学技术局');
    const list = await server.request('GET', `/api/v1/admin/users?unitId=${union}&role=liaison`, { token: admin });
    const liaison = list.body.users.find((u: any) => u.username === `liaison.${union}`);
    await server.services.db.update(memberUnits).set({ retiredAt: new Date() }).where(eq(memberUnits.id, science));
    try {
      const moved = await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: { unitId: science } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(422);
      expect(moved.headers.get('content-type')).toContain('application/problem+json');
      expect(moved.body.errors.map((e: any) => e.field)).toEqual(['unitId']);
      const [row] = await server.services.db.select({ unitId: users.unitId }).from(users).where(eq(users.id, liaison.id));
      expect(row!.unitId).toBe(union);
    } finally {
      await server.services.db.update(memberUnits).set({ retiredAt: null }).where(eq(memberUnits.id, science));
    }
  });

  it('a commander listing users sees only its jurisdiction', async () => {
    const res = await server.request('GET', '/api/v1/admin/users', { token: commander });
    expect(res.status).toBe(200);
    expect(res.body.users.length).toBeGreaterThan(10);
    expect(res.body.users.every((u: any) => u.jurisdictionId === 'xinyang')).toBe(true);
    expect((await server.request('GET', '/api/v1/admin/users?jurisdictionId=anji', { token: commander })).status).toBe(404);
  });
});

describe('new accounts of every role (POST /admin/users)', () => {
  /** Logs in with the password the administrator gave, replaces it as the person must, and answers the new session. */
  async function firstLogin(username: string, given: string) {
    const first = await server.request('POST', '/api/v1/auth/login', { body: { username, password: given } });
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    expect((await server.request('GET', '/api/v1/jurisdictions', { token: first.body.token })).status).toBe(403);
    const changed = await server.request('POST', '/api/v1/auth/password', { token: first.body.token, body: { currentPassword: given, newPassword: `${username}-自己的新密码` } });
    expect(changed.status).toBe(200);
    return changed.body.token as string;
  }
  const add = (token: string, body: Record<string, unknown>) => server.request('POST', '/api/v1/admin/users', { token, body });

  it('the system administrator creates a duty officer, a commander, a jurisdiction administrator, a unit head and another system administrator, each with a one-time password', async () => {
    const made = {
      duty: await add(admin, { username: 'new.duty', displayName: '新值班员', role: 'duty_officer', jurisdictionId: 'xinyang' }),
      commander: await add(admin, { username: 'new.commander', displayName: '新指挥长', role: 'commander', jurisdictionId: 'xinyang' }),
      jadmin: await add(admin, { username: 'new.anji.admin', displayName: '安吉辖区管理员', role: 'jurisdiction_admin', jurisdictionId: 'anji' }),
      head: await add(admin, { username: 'new.head', displayName: '新负责人', role: 'unit_head', unitId: union }),
      admin: await add(admin, { username: 'new.system', displayName: '第二系统管理员', role: 'admin' }),
    };
    for (const res of Object.values(made)) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.user.mustChangePassword).toBe(true);
      expect(res.body.oneTimePassword).toMatch(/^\S{12,}$/);
    }
    expect(made.duty.body.user).toMatchObject({ role: 'duty_officer', jurisdictionId: 'xinyang', unitId: null });
    expect(made.jadmin.body.user).toMatchObject({ role: 'jurisdiction_admin', jurisdictionId: 'anji' });
    expect(made.head.body.user).toMatchObject({ role: 'unit_head', jurisdictionId: 'xinyang', unitId: union });
    expect(made.admin.body.user).toMatchObject({ role: 'admin', jurisdictionId: null });

    const dutyToken = await firstLogin('new.duty', made.duty.body.oneTimePassword);
    expect((await server.request('POST', '/api/v1/routing/preview', { token: dutyToken, body: xinyangReport() })).status).toBe(200);
    const anjiAdmin = await firstLogin('new.anji.admin', made.jadmin.body.oneTimePassword);
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=anji', { token: anjiAdmin })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: anjiAdmin })).status).toBe(404);
    const logged = await server.services.db.select().from(events).where(eq(events.type, 'account.created'));
    expect(logged.map((e) => (e.data as any).username)).toEqual(expect.arrayContaining(['new.duty', 'new.commander', 'new.anji.admin', 'new.head']));
  });

  it('a jurisdiction administrator creates the commission and unit people of its own jurisdiction, not administrators and not elsewhere', async () => {
    const made = await add(admin, { username: 'xy.jadmin', displayName: '信阳辖区管理员', role: 'jurisdiction_admin', jurisdictionId: 'xinyang', password: 'initial-jadmin-password' });
    const jadmin = await firstLogin('xy.jadmin', 'initial-jadmin-password');
    expect(made.body.oneTimePassword).toBeNull();
    for (const body of [
      { username: 'xyj.duty', displayName: '值班员甲', role: 'duty_officer' },
      { username: 'xyj.commander', displayName: '指挥长甲', role: 'commander', jurisdictionId: 'xinyang' },
      { username: 'xyj.liaison', displayName: '联络员甲', role: 'liaison', unitId: union },
    ]) {
      const res = await add(jadmin, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.user).toMatchObject({ jurisdictionId: 'xinyang', mustChangePassword: true });
    }
    const before = (await server.request('GET', '/api/v1/admin/users', { token: admin })).body.users.length;
    expect((await add(jadmin, { username: 'xyj.jadmin', displayName: '另一辖区管理员', role: 'jurisdiction_admin' })).status).toBe(403);
    expect((await add(jadmin, { username: 'xyj.admin', displayName: '系统管理员', role: 'admin' })).status).toBe(403);
    const elsewhere = await add(jadmin, { username: 'xyj.anji', displayName: '安吉值班员', role: 'duty_officer', jurisdictionId: 'anji' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors.map((e: any) => e.field)).toEqual(['jurisdictionId']);
    const anjiUnit = (await server.request('GET', '/api/v1/jurisdictions/anji/units', { token: admin })).body.units[0].id;
    expect((await add(jadmin, { username: 'xyj.anji.l', displayName: '安吉联络员', role: 'liaison', unitId: anjiUnit })).body.errors.map((e: any) => e.field)).toEqual(['unitId']);
    expect((await add(commander, { username: 'cmd.duty', displayName: '值班员', role: 'duty_officer' })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/admin/users', { token: admin })).body.users.length).toBe(before);
  });
});

describe('the board snapshot (GET /board)', () => {
  it('gives every open incident in full, the open alerts and the watermark to resume from', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '大屏快照测试' }) });
    expect(filed.status).toBe(201);
    const notification = filed.body.notifications.find((n: any) => n.unitId === union);
    expect((await server.request('POST', `/api/v1/notifications/${notification.id}/decline`, { token: unionLiaison, body: { reason: '不属于本单位职责' } })).status).toBe(200);

    const res = await server.request('GET', '/api/v1/board', { token: commander });
    expect(res.status).toBe(200);
    expect(res.body.jurisdiction).toEqual({ id: 'xinyang', name: '信阳市' });
    const incident = res.body.incidents.find((i: any) => i.incident.id === filed.body.id);
    expect(incident.notifications.find((n: any) => n.unitId === union)).toMatchObject({ state: 'declined', declineReason: '不属于本单位职责' });
    expect(res.body.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'declined', unitId: union, incidentId: filed.body.id })]));
    const seq = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: commander });
    expect(res.body.lastSeq).toBeLessThanOrEqual(seq.body.lastSeq);
    expect(res.body.lastSeq).toBeGreaterThan(0);
  });

  it('is for the commission: a liaison gets 403, another jurisdiction 404, an admin names one', async () => {
    expect((await server.request('GET', '/api/v1/board', { token: unionLiaison })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/board?jurisdictionId=xinyang', { token: otherCommander })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/board', { token: admin })).status).toBe(422);
    expect((await server.request('GET', '/api/v1/board?jurisdictionId=xinyang', { token: admin })).status).toBe(200);
  });
});

describe('the web app is served by this server', () => {
  it('answers the desk pages with the built HTML and its hashed assets, no CDN', async () => {
    for (const path of ['/', '/login', '/duty', '/board', '/admin', '/duty/incidents/x']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    const html = await (await fetch(server.url + '/board')).text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeTruthy();
    expect(html).not.toMatch(/https?:\/\//);
    const js = await fetch(server.url + asset!);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(server.url + '/m')).status).toBe(200);
    expect((await fetch(server.url + '/assets/nothing-here.js')).status).toBe(404);
    expect((await fetch(server.url + '/assets/..%2f..%2fpackage.json')).status).toBe(404);
  });
});
