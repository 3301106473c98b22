/** Loads a bulletin with its recipients and files, and shapes it for whoever asks. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { bulletinAttachments, bulletinRecipients, bulletins, memberUnits, users } from '../../db/schema.js';
import type { BulletinFacts } from '../../domain/policy/index.js';
import { mayViewBulletin, mayViewReadReceipts } from '../../domain/policy/index.js';
import type { BulletinListItem, BulletinView } from '../../contract/bulletins.js';
import type { Actor } from '../context.js';
import { notFound } from '../errors.js';

export const OFFICE_NAME = '联席会议办公室';

type Row = typeof bulletins.$inferSelect;
export interface LoadedBulletin {
  row: Row;
  publisherName: string;
  publishedByName: string | null;
  recipients: { unitId: string; unitName: string; readAt: Date | null; readByName: string | null }[];
  attachments: (typeof bulletinAttachments.$inferSelect)[];
}

export const facts = (row: Row): BulletinFacts => ({ jurisdictionId: row.jurisdictionId, publisherUnitId: row.publisherUnitId, published: row.state === 'published' });

export async function loadBulletin(db: Database, id: string): Promise<LoadedBulletin | null> {
  const [row] = await db.select().from(bulletins).where(eq(bulletins.id, id));
  if (!row) return null;
  const names = await unitNames(db, [row.publisherUnitId, ...row.chosenUnitIds].filter((x): x is string => !!x));
  const [publisher] = row.publishedBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.publishedBy)) : [];
  const recipients = await db
    .select({ unitId: bulletinRecipients.unitId, unitName: memberUnits.name, readAt: bulletinRecipients.readAt, readByName: users.displayName, position: memberUnits.position })
    .from(bulletinRecipients)
    .innerJoin(memberUnits, eq(memberUnits.id, bulletinRecipients.unitId))
    .leftJoin(users, eq(users.id, bulletinRecipients.readBy))
    .where(eq(bulletinRecipients.bulletinId, id))
    .orderBy(asc(memberUnits.position));
  const files = await db.select().from(bulletinAttachments).where(eq(bulletinAttachments.bulletinId, id)).orderBy(asc(bulletinAttachments.createdAt));
  return {
    row,
    publisherName: row.publisherUnitId ? (names.get(row.publisherUnitId) ?? row.publisherUnitId) : OFFICE_NAME,
    publishedByName: publisher?.name ?? null,
    recipients: recipients.map(({ position: _p, ...r }) => r),
    attachments: files,
  };
}

export async function unitNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(inArray(memberUnits.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The bulletin the actor may see, or the same 404 as a missing one. */
export async function loadVisibleBulletin(db: Database, actor: Actor, id: string): Promise<LoadedBulletin> {
  const b = await loadBulletin(db, id);
  const recipient = !!b && !!actor.unitId && b.recipients.some((r) => r.unitId === actor.unitId);
  if (!b || !mayViewBulletin(actor, facts(b.row), recipient)) throw notFound('简报');
  return b;
}

export function listItemView(b: Omit<LoadedBulletin, 'attachments'>, actor: Actor): BulletinListItem {
  const receipts = mayViewReadReceipts(actor, facts(b.row));
  const own = actor.unitId ? b.recipients.find((r) => r.unitId === actor.unitId) : undefined;
  return {
    id: b.row.id,
    jurisdictionId: b.row.jurisdictionId,
    kind: b.row.kind,
    state: b.row.state,
    title: b.row.title,
    publisherUnitId: b.row.publisherUnitId,
    publisherName: b.publisherName,
    toAll: b.row.toAll,
    unitIds: b.row.state === 'published' ? b.recipients.map((r) => r.unitId) : b.row.chosenUnitIds,
    createdAt: b.row.createdAt.toISOString(),
    publishedAt: b.row.publishedAt?.toISOString() ?? null,
    publishedByName: b.publishedByName,
    readAt: own?.readAt?.toISOString() ?? null,
    readCount: receipts ? b.recipients.filter((r) => r.readAt).length : null,
    recipientCount: b.recipients.length,
  };
}

export function bulletinView(b: LoadedBulletin, actor: Actor): BulletinView {
  const receipts = mayViewReadReceipts(actor, facts(b.row));
  return {
    ...listItemView(b, actor),
    body: b.row.body,
    receipts: receipts ? b.recipients.map((r) => ({ unitId: r.unitId, unitName: r.unitName, readAt: r.readAt?.toISOString() ?? null, readByName: r.readByName })) : null,
    attachments: b.attachments.map((a) => ({
      id: a.id,
      bulletinId: a.bulletinId,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      createdAt: a.createdAt.toISOString(),
      url: `/api/v1/bulletins/${b.row.id}/attachments/${a.id}`,
    })),
  };
}
