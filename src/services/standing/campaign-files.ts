/**
 * Files a participating unit attaches to its report on a campaign task (photos of an inspection,
 * a rectification notice): seen by that unit, the office and the unit leading the campaign. The
 * bytes are kept as an incident's attachments are (`services/attachments`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { attachments, users } from '../../db/schema.js';
import { isUnitMember, mayRunCampaign } from '../../domain/policy/index.js';
import { attachmentView, prepareAttachment } from '../attachments/attachments.js';
import { discardBytes } from '../attachments/storage.js';
import type { Actor, Services } from '../context.js';
import { forbidden } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { loadVisibleCampaign } from './campaigns.js';

type Row = typeof attachments.$inferSelect;
type CampaignRow = Awaited<ReturnType<typeof loadVisibleCampaign>>;

async function campaignFilesOf(db: Database, campaignId: string) {
  return db
    .select({ a: attachments, name: users.displayName, unitId: users.unitId })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.campaignId, campaignId))
    .orderBy(asc(attachments.createdAt));
}

const mayReadAll = (actor: Actor, c: CampaignRow) => mayRunCampaign(actor, c);

/** Whether the caller may read this campaign file (the same 404 as a missing file otherwise). */
export async function campaignFileVisible(services: Services, actor: Actor, row: Row): Promise<boolean> {
  if (!row.campaignId) return false;
  const c = await loadVisibleCampaign(services, actor, row.campaignId);
  if (mayReadAll(actor, c)) return true;
  const [u] = await services.db.select({ unitId: users.unitId }).from(users).where(eq(users.id, row.uploadedBy));
  return !!u?.unitId && u.unitId === actor.unitId;
}

export async function addCampaignFile(services: Services, actor: Actor, campaignId: string, input: { fileName: string; bytes: Uint8Array }) {
  const c = await loadVisibleCampaign(services, actor, campaignId);
  if (!isUnitMember(actor) || !actor.unitId || !c.unitIds.includes(actor.unitId)) throw forbidden('由参与单位上传本单位任务的反馈附件 (a participating unit)');
  const now = services.clock();
  const file = await prepareAttachment(services, now, input);
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({ id: file.id, campaignId, jurisdictionId: c.jurisdictionId, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256, ...file.stored, uploadedBy: actor.id, createdAt: now })
        .returning();
      const view = attachmentView(row!, actor.displayName);
      await appendEvents(tx, now, [{ type: 'attachment.added', jurisdictionId: c.jurisdictionId, incidentId: null, audienceUnits: [actor.unitId!], actorId: actor.id, data: { attachment: view } }]);
      return { attachment: view };
    });
  } catch (err) {
    await discardBytes(services, file.stored);
    throw err;
  }
}

/** The files a unit names in its report: this campaign's, uploaded by its own people. */
export async function ownCampaignFiles(services: Services, actor: Actor, campaignId: string, ids: string[]) {
  const mine = (await campaignFilesOf(services.db, campaignId)).filter((r) => r.unitId === actor.unitId).map((r) => attachmentView(r.a, r.name));
  const found = ids.map((id) => mine.find((f) => f.id === id));
  return { files: found.filter((f) => !!f), missing: ids.map((id, i) => ({ id, i })).filter(({ i }) => !found[i]) };
}
