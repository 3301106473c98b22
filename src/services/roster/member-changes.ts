/**
 * 成员调整 as the documents set it out: a member unit proposes a change of its member or liaison
 * (its liaison or head, on /m or the desk), the joint meeting's office — the jurisdiction's
 * administrators — confirms it (and the account changes) or rejects it, with a reason. Each step
 * is an event in the log, with who and why.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { usernameProblems } from '../../contract/accounts.js';
import type { Database } from '../../db/client.js';
import { PASSWORD_RULE } from '../../domain/password-policy.js';
import { memberChanges, memberUnits, users } from '../../db/schema.js';
import { mayAdministerJurisdiction } from '../../domain/policy/index.js';
import type { MemberChangeState } from '../../domain/enums.js';
import { endSessions } from '../auth/access-changes.js';
import { hashPassword } from '../auth/password.js';
import type { Actor, Services } from '../context.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.js';
import { createOnce } from '../idempotency.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { requireRosterAdmin } from './access.js';

type ChangeRow = typeof memberChanges.$inferSelect;

export interface MemberChangeProposal {
  unitId: string;
  kind: 'add_person' | 'replace_person' | 'remove_person';
  userId?: string | undefined;
  person?: { displayName: string; role: 'liaison' | 'unit_head'; phone?: string | undefined; username: string } | undefined;
  reason: string;
}

export interface MemberChangeDecision {
  decision: 'confirm' | 'reject';
  reason: string;
  initialPassword?: string | undefined;
}

async function changeView(db: Database, c: ChangeRow) {
  const [unit] = await db.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, c.unitId));
  const ids = [c.userId, c.proposedBy, c.decidedBy].filter((x): x is string => !!x);
  const names = new Map((await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.displayName]));
  return {
    id: c.id,
    jurisdictionId: c.jurisdictionId,
    unitId: c.unitId,
    unitName: unit?.name ?? c.unitId,
    kind: c.kind,
    state: c.state,
    userId: c.userId,
    userName: c.userId ? (names.get(c.userId) ?? null) : null,
    person: c.person ? { displayName: c.person.displayName, role: c.person.role, phone: c.person.phone, username: c.person.username } : null,
    reason: c.reason,
    proposedBy: names.get(c.proposedBy) ?? c.proposedBy,
    proposedAt: c.proposedAt.toISOString(),
    decidedBy: c.decidedBy ? (names.get(c.decidedBy) ?? c.decidedBy) : null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionReason: c.decisionReason,
    createdUserId: c.createdUserId,
  };
}

/**
 * 提出成员调整, run once per `Idempotency-Key` (a retry gets the first proposal back). A person
 * with a change pending, or a username already proposed and pending, is refused (409) until that
 * one is decided: the check runs under a lock on the person and the username, so two proposals at
 * once cannot both pass it.
 */
export async function proposeMemberChange(services: Services, actor: Actor, input: MemberChangeProposal, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /member-changes', input }, async () => {
    const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, input.unitId));
    if (!unit) throw notFound('成员单位');
    const ownUnit = (actor.role === 'liaison' || actor.role === 'unit_head') && actor.unitId === unit.id;
    if (!ownUnit && !mayAdministerJurisdiction(actor, unit.jurisdictionId)) {
      // Another unit's or jurisdiction's business is invisible; the commission's other roles may not propose.
      if (actor.role === 'liaison' || actor.role === 'unit_head' || actor.role === 'jurisdiction_admin') throw notFound('成员单位');
      throw forbidden('只有本单位联络员、负责人或管理员可以提出成员调整');
    }
    if (unit.retiredAt) throw invalid('该成员单位已撤销', [{ field: 'unitId', message: '该成员单位已撤销或合并' }]);
    const problems: { field: string; message: string }[] = [];
    if (input.kind !== 'add_person') {
      const [person] = input.userId ? await services.db.select().from(users).where(eq(users.id, input.userId)) : [];
      if (!person || person.unitId !== unit.id || !person.active) problems.push({ field: 'userId', message: '请选择本单位在册的人员' });
    }
    if (input.kind !== 'remove_person') {
      if (!input.person) problems.push({ field: 'person', message: '请填写新成员的姓名、角色和用户名' });
      else {
        const [taken] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, input.person.username));
        if (taken) problems.push({ field: 'person.username', message: `用户名 ${input.person.username} 已被使用` });
      }
    }
    if (problems.length) throw invalid('成员调整内容有误', problems);
    const now = services.clock();
    const userId = input.kind === 'add_person' ? null : input.userId!;
    const username = input.kind === 'remove_person' || !input.person ? null : input.person.username;
    return async (tx: Database) => {
      await refusePendingDuplicate(tx, userId, username);
      const [row] = await tx
        .insert(memberChanges)
        .values({
          id: newId('mch', now.getTime()),
          jurisdictionId: unit.jurisdictionId,
          unitId: unit.id,
          kind: input.kind,
          userId,
          person: username ? { ...input.person!, phone: input.person!.phone ?? null } : null,
          reason: input.reason,
          proposedBy: actor.id,
          proposedAt: now,
        })
        .returning();
      const change = await changeView(tx, row!);
      await appendEvents(tx, now, [{ type: 'member_change.proposed', jurisdictionId: row!.jurisdictionId, actorId: actor.id, audienceUnits: [row!.unitId], data: { change, by: actor.displayName, reason: input.reason } }]);
      return { change };
    };
  });
}

/**
 * Refuses a second pending change of the same person (replace or remove) or of the same proposed
 * username (add or replace, in any unit: usernames are global). Transaction-scoped advisory locks
 * on each, taken in one order, make concurrent proposals wait for each other's commit.
 */
async function refusePendingDuplicate(tx: Database, userId: string | null, username: string | null) {
  const lockKeys = [userId ? `member_change:user:${userId}` : null, username ? `member_change:username:${username}` : null].filter((k): k is string => !!k).sort();
  for (const k of lockKeys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${k}))`);
  if (userId) {
    const [pending] = await tx.select({ id: memberChanges.id }).from(memberChanges).where(and(eq(memberChanges.state, 'proposed'), eq(memberChanges.userId, userId))).limit(1);
    if (pending)
      throw new DomainError('conflict', '该人员已有待确认的成员调整，请等办公室处理后再提出 (a change of this person is pending)', [
        { field: 'userId', message: `该人员已有待确认的成员调整（${pending.id}）` },
      ]);
  }
  if (username) {
    const [pending] = await tx
      .select({ id: memberChanges.id })
      .from(memberChanges)
      .where(and(eq(memberChanges.state, 'proposed'), sql`${memberChanges.person}->>'username' = ${username}`))
      .limit(1);
    if (pending)
      throw new DomainError('conflict', `用户名 ${username} 已在待确认的成员调整中 (this username is already proposed)`, [
        { field: 'person.username', message: `用户名 ${username} 已在待确认的成员调整中（${pending.id}）` },
      ]);
  }
}

export async function listMemberChanges(services: Services, actor: Actor, filter: { jurisdictionId?: string | undefined; state?: MemberChangeState | undefined }) {
  const where: (SQL | undefined)[] = [filter.state ? eq(memberChanges.state, filter.state) : undefined];
  let people: { id: string; displayName: string; role: string }[] | undefined;
  if (actor.role === 'liaison' || actor.role === 'unit_head') {
    if (!actor.unitId) return { changes: [] };
    where.push(eq(memberChanges.unitId, actor.unitId));
    // Whom the unit may propose to replace or remove: its own active people.
    people = await services.db
      .select({ id: users.id, displayName: users.displayName, role: users.role })
      .from(users)
      .where(and(eq(users.unitId, actor.unitId), eq(users.active, true)));
  } else {
    const jurisdictionId = filter.jurisdictionId ?? actor.jurisdictionId;
    if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '请指定辖区' }]);
    await requireRosterAdmin(services, actor, jurisdictionId);
    where.push(eq(memberChanges.jurisdictionId, jurisdictionId));
  }
  const rows = await services.db.select().from(memberChanges).where(and(...where)).orderBy(desc(memberChanges.proposedAt)).limit(500);
  return { changes: await Promise.all(rows.map((r) => changeView(services.db, r))), ...(people ? { people } : {}) };
}

export async function decideMemberChange(services: Services, actor: Actor, id: string, input: MemberChangeDecision) {
  const [found] = await services.db.select().from(memberChanges).where(eq(memberChanges.id, id));
  if (!found) throw notFound('成员调整');
  await requireRosterAdmin(services, actor, found.jurisdictionId);
  if (input.decision === 'confirm' && found.kind !== 'remove_person' && !input.initialPassword)
    throw invalid('请设置新成员的初始密码', [{ field: 'initialPassword', message: `请设置新成员的初始密码（${PASSWORD_RULE}）` }]);
  // The rest of the policy is the schema's (newPasswordSchema); the username is known only here.
  const sameAsUsername = input.decision === 'confirm' && input.initialPassword && found.person ? usernameProblems(input.initialPassword, found.person.username) : [];
  if (sameAsUsername.length) throw invalid(sameAsUsername.join('；'), sameAsUsername.map((message) => ({ field: 'initialPassword', message })));
  const passwordHash = input.decision === 'confirm' && input.initialPassword ? await hashPassword(input.initialPassword) : null;
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [c] = await tx.select().from(memberChanges).where(eq(memberChanges.id, id)).for('update');
    if (c!.state !== 'proposed') throw conflict('该成员调整已经处理 (already decided)');
    let createdUserId: string | null = null;
    if (input.decision === 'confirm') {
      if (c!.userId) await leave(tx, now, actor, c!);
      if (c!.person) {
        const [created] = await tx
          .insert(users)
          .values({
            id: newId('usr', now.getTime()),
            username: c!.person.username,
            passwordHash: passwordHash!,
            displayName: c!.person.displayName,
            role: c!.person.role,
            jurisdictionId: c!.jurisdictionId,
            unitId: c!.unitId,
            phone: c!.person.phone,
            // The office chose the initial password: the person replaces it at the first login.
            mustChangePassword: true,
            createdAt: now,
          })
          .onConflictDoNothing({ target: users.username })
          .returning();
        if (!created) throw conflict(`用户名 ${c!.person.username} 已被使用 (username taken)`, { field: 'person.username' });
        createdUserId = created.id;
      }
    }
    const [row] = await tx
      .update(memberChanges)
      .set({ state: input.decision === 'confirm' ? 'confirmed' : 'rejected', decidedBy: actor.id, decidedAt: now, decisionReason: input.reason, createdUserId })
      .where(eq(memberChanges.id, id))
      .returning();
    const change = await changeView(tx, row!);
    await appendEvents(tx, now, [
      { type: row!.state === 'confirmed' ? 'member_change.confirmed' : 'member_change.rejected', jurisdictionId: row!.jurisdictionId, actorId: actor.id, audienceUnits: [row!.unitId], data: { change, by: actor.displayName, reason: input.reason } },
    ]);
    return { change };
  });
}

/** The person leaving the unit: deactivated, their sessions ended. */
async function leave(tx: Database, now: Date, actor: Actor, c: ChangeRow) {
  const [gone] = await tx.update(users).set({ active: false }).where(and(eq(users.id, c.userId!), eq(users.active, true))).returning({ id: users.id });
  if (!gone) return;
  await endSessions(tx, now, { userId: gone.id, reason: 'deactivated', jurisdictionId: c.jurisdictionId, actorId: actor.id });
}
