/**
 * A meeting's files: 会议材料 the office shares with the units it asked, and the files a unit
 * attaches to its report on an agreed item, which only that unit and the office see. The bytes
 * are kept as an incident's attachments are (`services/attachments`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { attachments, standingRequests, users } from '../../db/schema.js';
import { isCommission, isUnitMember, mayRunJointMeeting } from '../../domain/policy/index.js';
import { attachmentView } from '../attachments/attachments.js';
import { storeStandingFile } from './standing-file.js';
import type { Actor, Services } from '../context.js';
import { conflict, forbidden } from '../errors.js';
import { loadVisibleMeeting } from './load.js';

type Row = typeof attachments.$inferSelect;

export async function meetingFileVisible(db: Database, actor: Actor, row: Row): Promise<boolean> {
  if (!row.meetingId) return false;
  await loadVisibleMeeting(db, actor, row.meetingId);
  if (isCommission(actor)) return true;
  // The office's materials, or the unit's own file (the unit it was uploaded for, not the uploader's unit today).
  return row.unitId === null || row.unitId === actor.unitId;
}

export async function addMeetingFile(services: Services, actor: Actor, meetingId: string, input: { fileName: string; bytes: Uint8Array }, idempotencyKey?: string) {
  return storeStandingFile(services, actor, { route: 'POST /meetings/{id}/attachments', subjectId: meetingId, fileName: input.fileName }, input, idempotencyKey, async () => {
    const meeting = await loadVisibleMeeting(services.db, actor, meetingId);
    const office = mayRunJointMeeting(actor, meeting.jurisdictionId);
    if (meeting.cancelledAt) throw conflict('会议已取消，不能再上传文件 (the meeting is cancelled)');
    const asked = isUnitMember(actor)
      ? await services.db.select({ unitId: standingRequests.unitId }).from(standingRequests).where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.unitId, actor.unitId!))).limit(1)
      : [];
    if (!office && asked.length === 0) throw forbidden('由联席会议办公室上传会议材料，或由被征求意见/承办事项的单位上传 (office or a unit asked)');
    return {
      owner: { meetingId, jurisdictionId: meeting.jurisdictionId, unitId: office ? null : actor.unitId! },
      audienceOf: async (tx) => (office ? (await tx.selectDistinct({ unitId: standingRequests.unitId }).from(standingRequests).where(eq(standingRequests.meetingId, meetingId))).map((u) => u.unitId) : [actor.unitId!]),
      viewOf: (row) => ({ ...attachmentView(row, actor.displayName), material: office }),
    };
  });
}

/** The meeting's files the caller may see: the office all; a unit the materials and its own. */
export async function meetingFiles(db: Database, actor: Actor, meetingId: string) {
  const rows = await db
    .select({ a: attachments, name: users.displayName })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.meetingId, meetingId))
    .orderBy(asc(attachments.createdAt));
  return rows
    .filter((r) => isCommission(actor) || r.a.unitId === null || r.a.unitId === actor.unitId)
    .map((r) => ({ ...attachmentView(r.a, r.name), material: r.a.unitId === null }));
}

/** The files a unit names in its report: this meeting's, uploaded by its own people. */
export async function ownReportFiles(db: Database, actor: Actor, meetingId: string, ids: string[]) {
  const files = (await meetingFiles(db, actor, meetingId)).filter((f) => !f.material);
  const found = ids.map((id) => files.find((f) => f.id === id));
  return { files: found.filter((f) => !!f), missing: ids.map((id, i) => ({ id, i })).filter(({ i }) => !found[i]) };
}
