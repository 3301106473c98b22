/**
 * The duty rota as a commission uses it: a unit head sets day and night shifts for two liaisons;
 * a report filed at 03:00 local reaches only the liaison on the night shift, and the ladder's
 * re-send at the deadline reaches every liaison. The duty overview and the calendar feed say the
 * same; people outside the unit cannot edit it.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, memberUnits } from '../../src/db/schema.js';
import type { Rulebook } from '../../src/rulebooks/schema.js';
import { hashPassword } from '../../src/services/auth/password.js';
import { createUsers } from '../../src/services/users/create-user.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

// 03:00 on Wednesday 2026-11-25 in 信阳 (UTC+8).
const START = new Date('2026-11-24T19:00:00.000Z');
let server: TestServer;
let sms: RecordingAdapter;
let book: Rulebook;
let admin: string;
let duty: string;
let head: string;
let union: string;
let dayLiaison: string;
let nightLiaison: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms }, manualEngine: true });
  admin = await server.login('admin');
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  book = (await server.services.rulebooks.current('xinyang'))!;
  head = await server.login(`head.${union}`);
  const me = await server.request('GET', '/api/v1/auth/me', { token: await server.login(`liaison.${union}`) });
  dayLiaison = me.body.id;
  const added = await server.request('POST', '/api/v1/admin/users', {
    token: admin,
    body: { username: `night.${union}`, displayName: '夜班联络员', password: 'night-shift-password', role: 'liaison', unitId: union },
  });
  expect(added.status).toBe(201);
  nightLiaison = added.body.user.id;
  // An account an administrator made: its person replaces the password at the first login.
  const first = await server.login(`night.${union}`, 'night-shift-password');
  expect((await server.request('POST', '/api/v1/auth/password', { token: first, body: { currentPassword: 'night-shift-password', newPassword: 'night-shift-own-password' } })).status).toBe(200);
  for (const [username, password, phone] of [[`liaison.${union}`, undefined, '13800000011'], [`night.${union}`, 'night-shift-own-password', '13800000012']] as const) {
    const token = await server.login(username, password);
    expect((await server.request('POST', '/api/v1/me/phones', { token, body: { phone } })).status).toBe(201);
  }
});
afterAll(async () => server?.close());

const rota = () => ({
  holidays: [],
  patterns: [
    { id: 'day', userId: dayLiaison, kind: 'daily', startTime: '08:00', endTime: '20:00', from: '2026-11-01' },
    { id: 'night', userId: nightLiaison, kind: 'daily', startTime: '20:00', endTime: '08:00', from: '2026-11-01' },
  ],
  overrides: [],
  swaps: [],
});

describe('the duty rota', () => {
  it('the unit head sets the rota; a liaison, another unit and bad input are refused, nothing changes', async () => {
    const liaison = await server.login(`liaison.${union}`);
    expect((await server.request('PUT', `/api/v1/rota/units/${union}`, { token: liaison, body: { rota: rota() } })).status).toBe(403);
    const bad = await server.request('PUT', `/api/v1/rota/units/${union}`, {
      token: head,
      body: { rota: { ...rota(), patterns: [{ ...rota().patterns[0], startTime: '25:00' }] } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.errors)).toContain('rota.patterns.0.startTime');
    const stranger = await server.request('PUT', `/api/v1/rota/units/${union}`, {
      token: head,
      body: { rota: { ...rota(), patterns: [{ ...rota().patterns[0], userId: 'someone-else' }] } },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0].field).toBe('rota.patterns.0.userId');
    // Nonsense a rota cannot mean, each refused naming its field.
    const [day, night] = rota().patterns;
    const nonsense: [string, Record<string, unknown>][] = [
      ['rota.swaps.0.toUserId', { swaps: [{ id: 's1', fromUserId: dayLiaison, toUserId: dayLiaison, shiftStart: '2026-11-25T08:00:00+08:00' }] }],
      ['rota.patterns.0.from', { patterns: [{ ...day, from: '0001-01-01' }, night] }],
      ['rota.patterns.0.until', { patterns: [{ ...day, until: '9999-12-31' }, night] }],
      ['rota.patterns.1.id', { patterns: [day, { ...night, id: 'day' }] }],
      ['rota.patterns.0.weekdays.1', { patterns: [{ ...day, kind: 'weekly', weekdays: [1, 1] }, night] }],
      ['rota.overrides.0.start', { overrides: [{ id: 'o1', userId: dayLiaison, start: '0001-01-01T08:00:00+08:00', end: '2026-11-25T08:00:00+08:00' }] }],
    ];
    for (const [field, part] of nonsense) {
      const res = await server.request('PUT', `/api/v1/rota/units/${union}`, { token: head, body: { rota: { ...rota(), ...part } } });
      expect(res.status, field).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field), field).toEqual([field]);
    }
    expect((await server.request('GET', `/api/v1/rota/units/${union}`, { token: head })).body.revision).toBe(0);

    const saved = await server.request('PUT', `/api/v1/rota/units/${union}`, { token: head, body: { rota: rota(), revision: 0 } });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(1);
    const stale = await server.request('PUT', `/api/v1/rota/units/${union}`, { token: head, body: { rota: rota(), revision: 0 } });
    expect(stale.status).toBe(409);
  });

  it('the week view and the duty overview show the night liaison on duty now and the day liaison next', async () => {
    const week = await server.request('GET', `/api/v1/rota/units/${union}`, { token: admin });
    expect(week.body.weekStart).toBe('2026-11-23');
    expect(week.body.shifts.filter((s: any) => s.userId === nightLiaison)).toHaveLength(8); // Sunday night before the week runs into Monday
    const overview = await server.request('GET', '/api/v1/rota/duty?jurisdictionId=xinyang', { token: duty });
    const unit = overview.body.units.find((u: any) => u.unitId === union);
    expect(unit).toMatchObject({ hasRota: true, nobodyNow: false, gaps: [] });
    expect(unit.onDutyNow.map((p: any) => p.displayName)).toEqual(['夜班联络员']);
    expect(unit.next).toEqual({ start: '2026-11-25T00:00:00.000Z', people: [{ userId: dayLiaison, displayName: expect.any(String) }] });
  });

  it('a report filed at 03:00 local reaches the person on duty then; the re-send at the deadline reaches every liaison', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '凌晨值班', receivedAt: '2026-11-25T02:55:00+08:00' }) });
    expect(filed.status).toBe(201);
    const notification = filed.body.notifications.find((n: any) => n.unitId === union);
    const socketTo = await server.services.db
      .select({ userId: deliveries.userId })
      .from(deliveries)
      .where(and(eq(deliveries.notificationId, notification.id), eq(deliveries.channel, 'socket')));
    expect(socketTo.map((d) => d.userId)).toEqual([nightLiaison]);
    await server.engine.tick();
    expect(sms.to('+8613800000012')).toHaveLength(1);
    expect(sms.to('+8613800000011')).toHaveLength(0);

    server.clock!.advance(book.ackDeadlineMinutes[notification.role as 'lead' | 'support' | 'inform'].general * 60_000 + 1000);
    await server.engine.tick();
    await server.engine.tick();
    expect(sms.to('+8613800000011')).toHaveLength(1);
    expect(sms.to('+8613800000011')[0]!.message.title).toContain('【催办】');
    expect(sms.to('+8613800000012')).toHaveLength(2);
  });

  it('a jurisdiction administrator edits its own jurisdiction\'s rotas and sees its overview, not another jurisdiction\'s', async () => {
    await createUsers(server.services.db, [
      { username: 'jadmin.xinyang', passwordHash: await hashPassword('jurisdiction-admin-pw'), displayName: '信阳辖区管理员', role: 'jurisdiction_admin', jurisdictionId: 'xinyang' },
    ]);
    const jadmin = await server.login('jadmin.xinyang', 'jurisdiction-admin-pw');
    const current = (await server.request('GET', `/api/v1/rota/units/${union}`, { token: jadmin })).body;
    expect(current.canEdit).toBe(true);
    expect((await server.request('PUT', `/api/v1/rota/units/${union}`, { token: jadmin, body: { rota: current.rota, revision: current.revision } })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/rota/duty?jurisdictionId=xinyang', { token: jadmin })).status).toBe(200);
    const anjiUnit = (await server.request('GET', '/api/v1/jurisdictions/anji/units', { token: jadmin })).body.units[0].id;
    expect((await server.request('PUT', `/api/v1/rota/units/${anjiUnit}`, { token: jadmin, body: { rota: {} } })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/rota/duty?jurisdictionId=anji', { token: jadmin })).status).toBe(404);
  });

  it('a gap in the next 7 days is flagged on the overview', async () => {
    const withHoliday = { ...rota(), holidays: ['2026-11-28'] };
    expect((await server.request('PUT', `/api/v1/rota/units/${union}`, { token: admin, body: { rota: withHoliday } })).status).toBe(200);
    const overview = await server.request('GET', '/api/v1/rota/duty?jurisdictionId=xinyang', { token: admin });
    const unit = overview.body.units.find((u: any) => u.unitId === union);
    expect(unit.gaps).toEqual([{ start: '2026-11-28T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z' }]);
    // A unit without a rota counts its liaisons as on duty, as before rotas.
    const other = overview.body.units.find((u: any) => u.unitId !== union && !u.hasRota);
    expect(other.onDutyNow.length).toBeGreaterThan(0);
  });

  it('each person subscribes to their own shifts; rotating the URL retires the old one', async () => {
    const night = await server.login(`night.${union}`, 'night-shift-own-password');
    const first = await server.request('POST', '/api/v1/me/calendar-feed', { token: night });
    expect(first.status).toBe(200);
    const path = new URL(first.body.url).pathname;
    const feed = await fetch(`${server.url}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:');
    expect(text).toContain('值班');
    expect(text).toContain('DTSTART:20261124T120000Z');
    // Text is escaped as RFC 5545 asks: a comma or semicolon in a unit's name stays text.
    await server.services.db.update(memberUnits).set({ name: '总工会, 值班室; 夜班' }).where(eq(memberUnits.id, union));
    expect(await (await fetch(`${server.url}${path}`)).text()).toContain('SUMMARY:总工会\\, 值班室\\; 夜班值班');
    const second = await server.request('POST', '/api/v1/me/calendar-feed', { token: night });
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    expect((await fetch(`${server.url}${new URL(second.body.url).pathname}`)).status).toBe(200);
  });
});
