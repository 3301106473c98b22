/**
 * Standing work on the escalation ladder, with an injected clock: a unit that does not answer a
 * standing request by its deadline is chased (re-send, unit head, then a 督办 alert for the
 * office that names the request, with no incident); an answer stops that unit's ladder and
 * nothing else; two engines on one database never take the same step twice; the unit's people
 * and the commission get the chasing live, another unit does not.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, events, standingRequests } from '../../src/db/schema.js';
import { Engine } from '../../src/engine/engine.js';
import { appendEvents } from '../../src/services/events/append.js';
import { answerRequest, askUnits } from '../../src/services/standing/requests.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
const minutes = (n: number) => n * 60_000;
let server: TestServer;
let union: string;
let hrss: string;
let other: string;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  other = await unitIdByName(server, duty, 'xinyang', '财政');
});
afterAll(async () => server?.close());

/** Asks units directly through the core (the meetings API builds on the same call). */
async function ask(title: string, unitIds: string[], dueAt: Date) {
  return server.services.db.transaction(async (tx) => {
    const asked = await askUnits(
      tx,
      server.clock!.now,
      null,
      unitIds.map((unitId) => ({ jurisdictionId: 'xinyang', kind: 'meeting_reply' as const, meetingId: 'mtg_test', subjectId: 'mtg_test', link: '/meetings?meeting=mtg_test', unitId, role: 'invited' as const, title, dueAt })),
    );
    await appendEvents(tx, server.clock!.now, asked.events);
    return asked.rows;
  });
}

async function stepsOf(requestId: string) {
  const rows = await server.services.db.select().from(events).where(eq(events.type, 'standing.escalated')).orderBy(events.seq);
  return rows.filter((e) => (e.data as any).requestId === requestId).map((e) => (e.data as any).step);
}

describe('standing work on the ladder', () => {
  it('chases a unit that has not answered, up to a 督办 alert naming the request; an answer stops only that unit', async () => {
    const book = (await server.services.rulebooks.current('xinyang'))!;
    const due = new Date(START.getTime() + minutes(60));
    const [u, h] = await ask('回复全体会议参会人员', [union, hrss], due);
    const liaison = await server.connect(await server.login(`liaison.${union}`));
    const outsider = await server.connect(await server.login(`liaison.${other}`));
    const commander = await server.connect(await server.login('commander'));

    expect((await server.engine.tick()).steps).toBe(0);
    server.clock!.now = new Date(due.getTime() + 1000);
    await server.engine.tick();
    expect(await stepsOf(u!.id)).toEqual(['resend']);
    await liaison.waitFor((t, e) => t === 'standing.escalated' && e.data.requestId === u!.id && e.incidentId === null);
    await commander.waitFor((t, e) => t === 'standing.escalated' && e.data.requestId === h!.id);

    // 人社局 answers; its ladder stops, 总工会's goes on with the gentlest timing (the `general` ladder).
    const [hRow] = await server.services.db.select().from(standingRequests).where(eq(standingRequests.id, h!.id));
    const me = (await server.request('GET', '/api/v1/auth/me', { token: await server.login(`liaison.${hrss}`) })).body;
    await server.services.db.transaction(async (tx) => {
      const answered = await answerRequest(tx, server.clock!.now, { id: me.id, displayName: me.displayName }, hRow!, 'reply', { attendance: 'member', attendeeName: '张三' });
      await appendEvents(tx, server.clock!.now, answered.events);
    });
    server.clock!.now = new Date(due.getTime() + minutes(book.escalationMinutes.commander.general) + 1000);
    await server.engine.tick();
    await server.engine.tick();
    expect(await stepsOf(u!.id)).toEqual(['resend', 'unit_head', 'commander']);
    expect(await stepsOf(h!.id)).toEqual(['resend']);

    const [alert] = await server.services.db.select().from(alerts).where(eq(alerts.standingRequestId, u!.id));
    expect(alert).toMatchObject({ incidentId: null, kind: 'standing_overdue' });
    const raised = await commander.waitFor((t, e) => t === 'alert.raised' && e.data.alert.standingRequestId === u!.id);
    expect(raised.incidentId).toBeNull();
    expect(raised.data.alert.subject).toMatchObject({ kind: 'standing', title: '回复全体会议参会人员', link: '/meetings?meeting=mtg_test' });
    expect(outsider.received.filter((r) => r.type.startsWith('standing.') || r.type === 'alert.raised')).toEqual([]);
    expect(liaison.received.some((r) => r.type === 'alert.raised')).toBe(false);

    // The office's list and the board show it beside incident alerts; a commander closes it.
    const token = await server.login('commander');
    const listed = (await server.request('GET', '/api/v1/alerts', { token })).body.alerts;
    expect(listed.find((a: any) => a.id === alert!.id)).toMatchObject({ incident: null, subject: { kind: 'standing' }, standingRequestId: u!.id });
    const board = await server.request('GET', '/api/v1/board?jurisdictionId=xinyang', { token });
    expect(board.status).toBe(200);
    expect(board.body.alerts.some((a: any) => a.id === alert!.id)).toBe(true);
    const resolved = await server.request('POST', `/api/v1/alerts/${alert!.id}/resolve`, { token, body: { resolution: '已电话督促' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.alert.subject.kind).toBe('standing');
  });

  it('two engines on one database never take the same step twice', async () => {
    const due = new Date(server.clock!.now.getTime() + minutes(10));
    const rows = await ask('会签会议纪要', [union, hrss, other], due);
    const second = new Engine(server.services, {});
    server.clock!.now = new Date(due.getTime() + minutes(24 * 60));
    const engines = [server.engine, second];
    await Promise.all([0, 1, 2].flatMap(() => engines.map((e) => e.tick())));
    await Promise.all(engines.map((e) => e.tick()));
    for (const r of rows) expect(await stepsOf(r.id), r.id).toEqual(['resend', 'unit_head', 'commander']);
    const raised = await server.services.db.select().from(alerts);
    for (const r of rows) expect(raised.filter((a) => a.standingRequestId === r.id)).toHaveLength(1);
  });
});
