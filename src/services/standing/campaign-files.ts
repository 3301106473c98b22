/**
 * Files a participating unit attaches to its report on a campaign task (photos of an inspection,
 * a rectification notice): seen by that unit, the office and the unit leading the campaign. The
 * bytes are kept as an incident's attachments are (`services/attachments`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { attachments, users } from '../../db/schema.js';
import { isUnitMember, mayRunCampaign } from '../../domain/policy/index.js';
import { attachmentView } from '../attachments/attachments.js';
import { storeStandingFile } from './standing-file.js';
import type { Actor, Services } from '../context.js';
import { conflict, forbidden } from '../errors.js';
import { loadVisibleCampaign } from './campaigns.js';

type Row = typeof attachments.$inferSelect;
type CampaignRow = Awaited<ReturnType<typeof loadVisibleCampaign>>;

async function campaignFilesOf(db: Database, campaignId: string) {
  return db
    .select({ a: attachments, name: users.displayName })
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
  // The unit it was uploaded for, not the uploader's unit today.
  return !!row.unitId && row.unitId === actor.unitId;
}

export async function addCampaignFile(services: Services, actor: Actor, campaignId: string, input: { fileName: string; bytes: Uint8Array }, idempotencyKey?: string) {
  return storeStandingFile(services, actor, { route: 'POST /campaigns/{id}/attachments', subjectId: campaignId, fileName: input.fileName }, input, idempotencyKey, async () => {
    const c = await loadVisibleCampaign(services, actor, campaignId);
    if (!isUnitMember(actor) || !actor.unitId || !c.unitIds.includes(actor.unitId)) throw forbidden('由参与单位上传本单位任务的反馈附件 (a participating unit)');
    if (c.cancelledAt) throw conflict('专项行动已取消，不能再上传附件 (the campaign is cancelled)');
    return { owner: { campaignId, jurisdictionId: c.jurisdictionId, unitId: actor.unitId }, audienceOf: async () => [actor.unitId!] };
  });
}

/** The files a unit names in its report: this campaign's, uploaded by its own people. */
export async function ownCampaignFiles(services: Services, actor: Actor, campaignId: string, ids: string[]) {
  const mine = (await campaignFilesOf(services.db, campaignId)).filter((r) => r.a.unitId === actor.unitId).map((r) => attachmentView(r.a, r.name));
  const found = ids.map((id) => mine.find((f) => f.id === id));
  return { files: found.filter((f) => !!f), missing: ids.map((id, i) => ({ id, i })).filter(({ i }) => !found[i]) };
}
