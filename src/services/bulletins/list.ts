/**
 * Bulletins as the caller may see them, newest first: the office its jurisdiction's (and its
 * drafts); a unit those sent to it and its own. One bulletin, opened, with its files and receipts.
 */
import { desc, eq, inArray, type SQL } from 'drizzle-orm';
import { bulletinRecipients, bulletins, memberUnits, users } from '../../db/schema.js';
import { isBulletinPublisher, mayViewBulletin } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { latestSeq } from '../events/read.js';
import { bulletinView, facts, listItemView, loadVisibleBulletin, OFFICE_NAME, unitNames } from './load.js';

export async function listBulletins(services: Services, actor: Actor, query: { unread?: boolean; limit: number }) {
  const seq = await latestSeq(services.db);
  const where: SQL | undefined = actor.jurisdictionId ? eq(bulletins.jurisdictionId, actor.jurisdictionId) : undefined;
  const rows = await services.db.select().from(bulletins).where(where).orderBy(desc(bulletins.createdAt)).limit(1000);
  const ids = rows.map((r) => r.id);
  const recipients = ids.length
    ? await services.db
        .select({ bulletinId: bulletinRecipients.bulletinId, unitId: bulletinRecipients.unitId, unitName: memberUnits.name, readAt: bulletinRecipients.readAt, readByName: users.displayName })
        .from(bulletinRecipients)
        .innerJoin(memberUnits, eq(memberUnits.id, bulletinRecipients.unitId))
        .leftJoin(users, eq(users.id, bulletinRecipients.readBy))
        .where(inArray(bulletinRecipients.bulletinId, ids))
    : [];
  const publisherNames = await unitNames(services.db, rows.map((r) => r.publisherUnitId).filter((x): x is string => !!x));
  const visible = rows
    .map((row) => ({ row, recipients: recipients.filter((r) => r.bulletinId === row.id).map(({ bulletinId: _b, ...r }) => r) }))
    .filter((b) => mayViewBulletin(actor, facts(b.row), !!actor.unitId && b.recipients.some((r) => r.unitId === actor.unitId)))
    .map((b) => listItemView({ ...b, publisherName: b.row.publisherUnitId ? (publisherNames.get(b.row.publisherUnitId) ?? '') : OFFICE_NAME, publishedByName: null }, actor))
    // 待阅: sent to the caller's unit and not yet read.
    .filter((b) => !query.unread || (b.state === 'published' && b.readAt === null && b.unitIds.includes(actor.unitId ?? '')))
    .slice(0, query.limit);
  return { bulletins: visible, lastSeq: seq };
}

export async function getBulletin(services: Services, actor: Actor, id: string) {
  const b = await loadVisibleBulletin(services.db, actor, id);
  return { bulletin: bulletinView(b, actor), mayEdit: isBulletinPublisher(actor, facts(b.row)) && b.row.state === 'draft' };
}
