/**
 * Publishing a bulletin: its recipients are fixed (every current member unit, or the ones chosen;
 * never the publishing unit itself), each gets an unread receipt row, and the event tells them.
 * Reading: the first person of a recipient unit to open it marks it read for the unit, once.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { bulletinRecipients, bulletins, memberUnits } from '../../db/schema.js';
import { mayMarkBulletinRead } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { bulletinView, loadBulletin, loadVisibleBulletin } from './load.js';
import { loadOwnDraft, unitChoiceProblems } from './draft.js';

export async function publishBulletin(services: Services, actor: Actor, id: string) {
  const b = await loadOwnDraft(services.db, actor, id);
  const current = await services.db
    .select({ id: memberUnits.id })
    .from(memberUnits)
    .where(and(eq(memberUnits.jurisdictionId, b.row.jurisdictionId), isNull(memberUnits.retiredAt)))
    .orderBy(asc(memberUnits.position));
  // A unit chosen in the draft may have been retired since: say so rather than drop it silently.
  const problems = b.row.toAll ? [] : await unitChoiceProblems(services.db, b.row.jurisdictionId, b.row.chosenUnitIds);
  if (problems.length) throw invalid('发送对象有误', problems);
  const recipients = (b.row.toAll ? current.map((u) => u.id) : b.row.chosenUnitIds).filter((u) => u !== b.row.publisherUnitId);
  if (recipients.length === 0) throw invalid('请选择发送对象', [{ field: 'unitIds', message: '请选择至少一个接收单位，或发送全体成员单位' }]);
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    const [published] = await tx
      .update(bulletins)
      .set({ state: 'published', publishedAt: now, publishedBy: actor.id, updatedAt: now })
      .where(and(eq(bulletins.id, id), eq(bulletins.state, 'draft')))
      .returning({ id: bulletins.id });
    if (!published) throw new DomainError('conflict', '简报已发布');
    await tx.insert(bulletinRecipients).values(recipients.map((unitId) => ({ bulletinId: id, unitId })));
    const audience = b.row.publisherUnitId ? [...recipients, b.row.publisherUnitId] : recipients;
    await appendEvents(tx, now, [
      {
        type: 'bulletin.published',
        jurisdictionId: b.row.jurisdictionId,
        audienceUnits: audience,
        actorId: actor.id,
        data: {
          bulletin: { id, kind: b.row.kind, title: b.row.title, publisherUnitId: b.row.publisherUnitId, publisherName: b.publisherName, publishedAt: now.toISOString() },
          recipients,
        },
      },
    ]);
  });
  return { bulletin: bulletinView((await loadBulletin(services.db, id))!, actor) };
}

/** 已读: idempotent — the first reader of the unit is kept; later opens change nothing and write nothing. */
export async function markBulletinRead(services: Services, actor: Actor, id: string) {
  const b = await loadVisibleBulletin(services.db, actor, id);
  const recipient = !!actor.unitId && b.recipients.some((r) => r.unitId === actor.unitId);
  if (!mayMarkBulletinRead(actor, recipient)) throw new DomainError('forbidden', '只有接收单位的人员打开简报时记为已读');
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    const [marked] = await tx
      .update(bulletinRecipients)
      .set({ readAt: now, readBy: actor.id })
      .where(and(eq(bulletinRecipients.bulletinId, id), eq(bulletinRecipients.unitId, actor.unitId!), isNull(bulletinRecipients.readAt)))
      .returning({ unitId: bulletinRecipients.unitId });
    if (!marked) return;
    const unitName = b.recipients.find((r) => r.unitId === actor.unitId)!.unitName;
    await appendEvents(tx, now, [
      {
        type: 'bulletin.read',
        jurisdictionId: b.row.jurisdictionId,
        audienceUnits: b.row.publisherUnitId ? [actor.unitId!, b.row.publisherUnitId] : [actor.unitId!],
        actorId: actor.id,
        data: { bulletinId: id, unitId: actor.unitId, unitName, readAt: now.toISOString(), readByName: actor.displayName, publisherUnitId: b.row.publisherUnitId },
      },
    ]);
  });
  return { bulletin: bulletinView((await loadBulletin(services.db, id))!, actor) };
}
