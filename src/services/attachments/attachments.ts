/**
 * 附件: add a scene photo or a written report to an incident, list them, read one. Whoever may
 * see the incident (as GET /incidents/{id}) may see its attachments; its commission may add them.
 * The row and its `attachment.added` event commit together.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { attachments, notifications, users } from '../../db/schema.js';
import { ATTACHMENT_KINDS, safeFileName, sniffContentType } from '../../domain/attachment-types.js';
import { deskSettings, isCommission, type Actor, type Services } from '../context.js';
import { DomainError, forbidden, invalid, notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { loadVisibleIncident } from '../incidents/load.js';
import { discardBytes, readBytes, storeBytes, type StoredBytes } from './storage.js';
import type { Database } from '../../db/client.js';
import { createOnce, uploadFingerprint } from '../idempotency.js';
import { meetingFileVisible } from '../standing/materials.js';
import { campaignFileVisible } from '../standing/campaign-files.js';

type Row = typeof attachments.$inferSelect;

export function attachmentView(row: Row, uploadedByName: string | null) {
  return {
    id: row.id,
    incidentId: row.incidentId,
    meetingId: row.meetingId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedByName,
    createdAt: row.createdAt.toISOString(),
    url: `/api/v1/attachments/${row.id}`,
  };
}

export function tooLarge(maxBytes: number) {
  return new DomainError('too_large', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, [{ field: 'file', message: `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB` }]);
}

/** Checks a file (size, kind by its content): its id, safe name, type, size and digest, nothing stored yet. */
export function checkAttachment(services: Services, prefixTime: Date, input: { fileName: string; bytes: Uint8Array }, idPrefix = 'att') {
  const { attachmentMaxBytes } = deskSettings(services);
  if (input.bytes.byteLength > attachmentMaxBytes) throw tooLarge(attachmentMaxBytes);
  if (input.bytes.byteLength === 0) throw invalid('文件是空的', [{ field: 'file', message: '文件是空的' }]);
  const contentType = sniffContentType(input.bytes);
  if (!contentType) {
    const allowed = Object.values(ATTACHMENT_KINDS).map((k) => k.label).join('、');
    throw invalid(`只能上传${allowed}`, [{ field: 'file', message: `文件内容不是${allowed}` }]);
  }
  const id = newId(idPrefix, prefixTime.getTime());
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const fileName = safeFileName(input.fileName, contentType);
  return { id, fileName, contentType, size: input.bytes.byteLength, sha256 };
}

/**
 * 上传附件, run once per `Idempotency-Key`: a retry (the same bytes, name and incident) gets the first
 * attachment back and stores nothing more; another file or name with the key is a 409.
 */
export async function addAttachment(services: Services, actor: Actor, input: { incidentId: string; fileName: string; bytes: Uint8Array }, idempotencyKey?: string) {
  const request = await uploadFingerprint(input.bytes, { route: 'POST /incidents/{id}/attachments', incidentId: input.incidentId, fileName: input.fileName });
  let stored: StoredBytes | null = null;
  try {
    return await createOnce(services.db, actor.id, idempotencyKey, request, async () => {
      const incident = await loadVisibleIncident(services.db, actor, input.incidentId);
      if (!isCommission(actor)) throw forbidden('只有卫健委人员可以上传附件');
      const now = services.clock();
      const checked = checkAttachment(services, now, input);
      return async (tx: Database) => {
        // Stored only once the key is claimed: a concurrent retry waits and replays instead.
        stored = await storeBytes(services, checked.id, input.bytes);
        const [inserted] = await tx
          .insert(attachments)
          .values({ ...checked, incidentId: incident.id, jurisdictionId: incident.jurisdictionId, ...stored, uploadedBy: actor.id, createdAt: now })
          .returning();
        const audience = await tx.selectDistinct({ unitId: notifications.unitId }).from(notifications).where(eq(notifications.incidentId, incident.id));
        await appendEvents(tx, now, [
          {
            type: 'attachment.added',
            jurisdictionId: incident.jurisdictionId,
            incidentId: incident.id,
            audienceUnits: audience.map((a) => a.unitId),
            actorId: actor.id,
            data: { attachment: attachmentView(inserted!, actor.displayName) },
          },
        ]);
        return { attachment: attachmentView(inserted!, actor.displayName) };
      };
    });
  } catch (err) {
    if (stored) await discardBytes(services, stored);
    throw err;
  }
}

export async function listAttachments(services: Services, actor: Actor, incidentId: string) {
  await loadVisibleIncident(services.db, actor, incidentId);
  const rows = await services.db
    .select({ a: attachments, name: users.displayName })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.incidentId, incidentId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return { attachments: rows.map((r) => attachmentView(r.a, r.name)) };
}

export async function readAttachment(services: Services, actor: Actor, id: string) {
  const [row] = await services.db.select().from(attachments).where(and(eq(attachments.id, id)));
  if (!row) throw notFound('附件');
  // Visible exactly when the incident (or the meeting's file, to whom it was shared) is; otherwise the same 404 as a missing attachment.
  try {
    if (row.incidentId) await loadVisibleIncident(services.db, actor, row.incidentId);
    else if (row.campaignId) {
      if (!(await campaignFileVisible(services, actor, row))) throw notFound('附件');
    } else if (!(await meetingFileVisible(services.db, actor, row))) throw notFound('附件');
  } catch {
    throw notFound('附件');
  }
  return { fileName: row.fileName, contentType: row.contentType, bytes: await readBytes(services, row) };
}
