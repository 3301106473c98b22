/**
 * Loads a meeting the caller may see (404 otherwise): the commission of its jurisdiction sees it
 * all; a member unit sees a meeting it was asked something about, or whose minutes were issued to
 * it (issued minutes go to every member unit), and of the requests only its own.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { agreedItems, meetingMinutes, meetings, memberUnits, standingRequests } from '../../db/schema.js';
import { isCommission, mayRunJointMeeting, mayViewStandingWork } from '../../domain/policy/index.js';
import type { Actor } from '../context.js';
import { forbidden, notFound } from '../errors.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type MinutesRow = typeof meetingMinutes.$inferSelect;

export async function loadVisibleMeeting(db: Database, actor: Actor, meetingId: string): Promise<MeetingRow> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw notFound('会议');
  let concerned = false;
  if (!isCommission(actor) && actor.unitId) {
    const [asked] = await db
      .select({ id: standingRequests.id })
      .from(standingRequests)
      .where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.unitId, actor.unitId)))
      .limit(1);
    const [issued] = asked ? [] : await db.select({ id: meetingMinutes.id }).from(meetingMinutes).where(and(eq(meetingMinutes.meetingId, meetingId), eq(meetingMinutes.state, 'issued'))).limit(1);
    const [unit] = await db.select({ jurisdictionId: memberUnits.jurisdictionId }).from(memberUnits).where(eq(memberUnits.id, actor.unitId));
    concerned = !!asked || (!!issued && unit?.jurisdictionId === meeting.jurisdictionId);
  }
  if (!mayViewStandingWork(actor, meeting.jurisdictionId, concerned)) throw notFound('会议');
  return meeting;
}

/** The meeting, for the office to act on: 404 when it may not see it, 403 when it may see but not run it. */
export async function loadMeetingForOffice(db: Database, actor: Actor, meetingId: string): Promise<MeetingRow> {
  const meeting = await loadVisibleMeeting(db, actor, meetingId);
  if (!mayRunJointMeeting(actor, meeting.jurisdictionId)) throw forbidden('会议由联席会议办公室（指挥长）组织 (only the joint meeting office)');
  return meeting;
}

export async function minutesOf(db: Database, meetingId: string): Promise<MinutesRow[]> {
  return db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).orderBy(asc(meetingMinutes.version));
}

export async function itemsOf(db: Database, meetingId: string) {
  return db.select().from(agreedItems).where(eq(agreedItems.meetingId, meetingId)).orderBy(asc(agreedItems.number));
}

export async function requestsOf(db: Database, meetingId: string, unitId?: string) {
  return db
    .select({ r: standingRequests, unitName: memberUnits.name })
    .from(standingRequests)
    .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
    .where(and(eq(standingRequests.meetingId, meetingId), unitId ? eq(standingRequests.unitId, unitId) : undefined))
    .orderBy(asc(memberUnits.position), asc(standingRequests.createdAt));
}

export async function unitNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(inArray(memberUnits.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
