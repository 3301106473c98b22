/**
 * Drafting a bulletin: the office or a member unit writes it (kind, title, body, the units it goes
 * to); a draft changes until published. The office pulls units' information into its draft.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { bulletinChangeSchema, bulletinDraftSchema } from '../../contract/bulletins.js';
import type { Database } from '../../db/client.js';
import { bulletinItems, bulletins, memberUnits } from '../../db/schema.js';
import { isBulletinPublisher, isCommission, mayPublishBulletin } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { DomainError, forbidden, invalid, type FieldProblem } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { createOnce } from '../idempotency.js';
import { newId } from '../ids.js';
import { bulletinView, facts, loadBulletin, loadVisibleBulletin, unitNames } from './load.js';

type Draft = z.output<typeof bulletinDraftSchema>;
type Change = z.output<typeof bulletinChangeSchema>;

/** The jurisdiction the actor publishes in: its own, or the one an administrator names. */
export function publishingJurisdiction(actor: Actor, named: string | undefined): string {
  if (actor.jurisdictionId) {
    if (named && named !== actor.jurisdictionId) throw invalid('只能在本辖区发布', [{ field: 'jurisdictionId', message: '只能在本辖区发布' }]);
    return actor.jurisdictionId;
  }
  if (!named) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员请指定辖区' }]);
  return named;
}

/** Problems with the chosen units: each must be a current member unit of the jurisdiction. */
export async function unitChoiceProblems(db: Database, jurisdictionId: string, unitIds: string[]): Promise<FieldProblem[]> {
  if (unitIds.length === 0) return [];
  const found = await db
    .select({ id: memberUnits.id })
    .from(memberUnits)
    .where(and(eq(memberUnits.jurisdictionId, jurisdictionId), inArray(memberUnits.id, unitIds), isNull(memberUnits.retiredAt)));
  const known = new Set(found.map((u) => u.id));
  return unitIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `unitIds.${i}`, message: `「${id}」不是本辖区的成员单位` }]));
}

/** 起草: run once per `Idempotency-Key` — a retry gets the first draft back and drafts nothing more. */
export async function draftBulletin(services: Services, actor: Actor, input: Draft, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /bulletins', input }, async () => {
    const jurisdictionId = publishingJurisdiction(actor, input.jurisdictionId);
    if (!mayPublishBulletin(actor, jurisdictionId)) throw forbidden('只有联席会议办公室和成员单位可以发布简报');
    const { unitIds } = input;
    const problems = await unitChoiceProblems(services.db, jurisdictionId, unitIds);
    if (problems.length) throw invalid('发送对象有误', problems);
    const now = services.clock();
    const id = newId('blt', now.getTime());
    const publisherUnitId = isCommission(actor) ? null : actor.unitId;
    return async (tx: Database) => {
      await tx.insert(bulletins).values({
        id, jurisdictionId, publisherUnitId, kind: input.kind, title: input.title, body: input.body, toAll: input.toAll, chosenUnitIds: unitIds, createdBy: actor.id, createdAt: now, updatedAt: now,
      });
      await appendEvents(tx, now, [
        { type: 'bulletin.drafted', jurisdictionId, audienceUnits: publisherUnitId ? [publisherUnitId] : [], actorId: actor.id, data: { bulletinId: id, title: input.title, publisherUnitId } },
      ]);
      return { bulletin: bulletinView((await loadBulletin(tx, id))!, actor) };
    };
  });
}

/** The draft the actor may change: visible and its own, and still a draft. */
export async function loadOwnDraft(db: Database, actor: Actor, id: string) {
  const b = await loadVisibleBulletin(db, actor, id);
  if (!isBulletinPublisher(actor, facts(b.row))) throw forbidden('只有发布者可以修改简报');
  if (b.row.state !== 'draft') throw new DomainError('conflict', '简报已发布，不能再修改');
  return b;
}

export async function changeBulletin(services: Services, actor: Actor, id: string, change: Change) {
  const b = await loadOwnDraft(services.db, actor, id);
  const { unitIds } = change;
  const problems = unitIds ? await unitChoiceProblems(services.db, b.row.jurisdictionId, unitIds) : [];
  if (problems.length) throw invalid('发送对象有误', problems);
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(bulletins)
      .set({ kind: change.kind, title: change.title, body: change.body, toAll: change.toAll, chosenUnitIds: unitIds, updatedAt: now })
      .where(and(eq(bulletins.id, id), eq(bulletins.state, 'draft')))
      .returning({ title: bulletins.title });
    if (!updated) throw new DomainError('conflict', '简报已发布，不能再修改');
    await appendEvents(tx, now, [
      { type: 'bulletin.updated', jurisdictionId: b.row.jurisdictionId, audienceUnits: b.row.publisherUnitId ? [b.row.publisherUnitId] : [], actorId: actor.id, data: { bulletinId: id, title: updated.title, publisherUnitId: b.row.publisherUnitId } },
    ]);
  });
  return { bulletin: bulletinView((await loadBulletin(services.db, id))!, actor) };
}

/** 采编: the office appends units' information to its draft, each under its unit's name; an item is used once. */
export async function pullItemsIntoDraft(services: Services, actor: Actor, id: string, itemIds: string[]) {
  const b = await loadOwnDraft(services.db, actor, id);
  if (b.row.publisherUnitId !== null) throw forbidden('报送信息由联席会议办公室采编');
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    const items = await tx
      .select()
      .from(bulletinItems)
      .where(and(inArray(bulletinItems.id, itemIds), eq(bulletinItems.jurisdictionId, b.row.jurisdictionId), isNull(bulletinItems.bulletinId)))
      .for('update');
    const found = new Set(items.map((i) => i.id));
    const problems = itemIds.flatMap((x, i) => (found.has(x) ? [] : [{ field: `itemIds.${i}`, message: '该报送信息不存在或已编入其他简报' }]));
    if (problems.length) throw invalid('报送信息有误', problems);
    const names = await unitNames(tx, items.map((i) => i.unitId));
    const ordered = itemIds.map((x) => items.find((i) => i.id === x)!);
    const text = ordered.map((i) => `【${names.get(i.unitId) ?? i.unitId}】${i.title}\n${i.body}`).join('\n\n');
    await tx.update(bulletins).set({ body: `${b.row.body}\n\n${text}`, updatedAt: now }).where(eq(bulletins.id, id));
    await tx.update(bulletinItems).set({ bulletinId: id }).where(inArray(bulletinItems.id, itemIds));
    await appendEvents(tx, now, [{ type: 'bulletin_item.pulled', jurisdictionId: b.row.jurisdictionId, actorId: actor.id, data: { bulletinId: id, itemIds } }]);
  });
  return { bulletin: bulletinView((await loadBulletin(services.db, id))!, actor) };
}
