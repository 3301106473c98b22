/**
 * 报送信息 (信阳 三(四)1 「各成员单位依据职责向市卫生健康委报送…有关信息」): a unit sends information
 * for the next bulletin; the office sees its jurisdiction's, a unit its own.
 */
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { BulletinItemView } from '../../contract/bulletins.js';
import type { Database } from '../../db/client.js';
import { bulletinItems, memberUnits, users } from '../../db/schema.js';
import { isCommission, maySubmitBulletinItem, servesJurisdiction } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { createOnce } from '../idempotency.js';
import { newId } from '../ids.js';

type Row = typeof bulletinItems.$inferSelect;
const view = (r: Row, unitName: string, submittedByName: string): BulletinItemView => ({
  id: r.id,
  unitId: r.unitId,
  unitName,
  title: r.title,
  body: r.body,
  submittedAt: r.submittedAt.toISOString(),
  submittedByName,
  bulletinId: r.bulletinId,
});

/** 报送信息, often from a phone on a weak network: run once per `Idempotency-Key`, a retry gets the first item back. */
export async function submitBulletinItem(services: Services, actor: Actor, input: { title: string; body: string }, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /bulletin-items', input }, async () => {
    if (!maySubmitBulletinItem(actor)) throw forbidden('报送信息由成员单位提交');
    const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, actor.unitId!));
    if (!unit) throw forbidden('本账号未关联成员单位');
    const now = services.clock();
    const row: Row = { id: newId('bit', now.getTime()), jurisdictionId: unit.jurisdictionId, unitId: unit.id, title: input.title, body: input.body, submittedBy: actor.id, submittedAt: now, bulletinId: null };
    const item = view(row, unit.name, actor.displayName);
    return async (tx: Database) => {
      await tx.insert(bulletinItems).values(row);
      await appendEvents(tx, now, [{ type: 'bulletin_item.submitted', jurisdictionId: unit.jurisdictionId, audienceUnits: [unit.id], actorId: actor.id, data: { item } }]);
      return { item };
    };
  });
}

export async function listBulletinItems(services: Services, actor: Actor, query: { jurisdictionId?: string; unused?: boolean }) {
  const scope: SQL[] = [];
  if (isCommission(actor)) {
    const jurisdictionId = actor.jurisdictionId ?? query.jurisdictionId;
    if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员请指定辖区' }]);
    if (!servesJurisdiction(actor, jurisdictionId) || actor.scopes) throw forbidden('无权查看该辖区的报送信息');
    scope.push(eq(bulletinItems.jurisdictionId, jurisdictionId));
  } else if (maySubmitBulletinItem(actor)) scope.push(eq(bulletinItems.unitId, actor.unitId!));
  else throw forbidden('无权查看报送信息');
  if (query.unused) scope.push(isNull(bulletinItems.bulletinId));
  const rows = await services.db
    .select({ i: bulletinItems, unitName: memberUnits.name, by: users.displayName })
    .from(bulletinItems)
    .innerJoin(memberUnits, eq(memberUnits.id, bulletinItems.unitId))
    .innerJoin(users, eq(users.id, bulletinItems.submittedBy))
    .where(and(...scope))
    .orderBy(desc(bulletinItems.submittedAt))
    .limit(500);
  return { items: rows.map((r) => view(r.i, r.unitName, r.by)) };
}
