/**
 * 名册导入: a spreadsheet of the jurisdiction's member-unit people, checked whole before anything
 * is written (every row's problem with its sheet row number), then applied all or nothing in one
 * transaction: existing accounts (by username) are updated, new ones created with an initial
 * password shown once (to be changed at the first login), SMS contacts set.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { contactPoints, memberUnits, users } from '../../db/schema.js';
import { accessEnding } from '../../domain/access-change.js';
import { checkRosterRows, missingColumns, type ImportCheck, type PlannedPerson } from '../../domain/roster/import-rows.js';
import { ROSTER_SHEET } from '../../domain/roster/roster-columns.js';
import { endSessions } from '../auth/access-changes.js';
import { hashPassword } from '../auth/password.js';
import type { Actor, Services } from '../context.js';
import { invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { requireRosterAdmin } from './access.js';
import { readSheet, type SheetFormat } from './spreadsheet.js';

export interface RosterUpload {
  jurisdictionId: string;
  fileName: string;
  bytes: Uint8Array;
}

export function formatOf(fileName: string, bytes: Uint8Array): SheetFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  // A zip (an .xlsx) starts with PK.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  throw invalid('只能导入 .xlsx 或 .csv 文件', [{ field: 'fileName', message: '只能导入 .xlsx 或 .csv 文件' }]);
}

async function check(services: Services, upload: RosterUpload): Promise<ImportCheck> {
  const sheet = await readSheet(upload.bytes, formatOf(upload.fileName, upload.bytes), ROSTER_SHEET);
  const missing = missingColumns(sheet.headers);
  if (missing.length) return { ok: false, problems: missing, checkedRows: 0 };
  const units = await services.db.select().from(memberUnits).where(eq(memberUnits.jurisdictionId, upload.jurisdictionId));
  const usernames = sheet.rows.map((r) => String(r.cells['用户名'] ?? '').trim().toLowerCase()).filter(Boolean);
  const accounts = usernames.length
    ? await services.db.select({ username: users.username, jurisdictionId: users.jurisdictionId, role: users.role }).from(users).where(inArray(users.username, usernames))
    : [];
  return checkRosterRows(
    sheet.rows,
    upload.jurisdictionId,
    units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, retired: u.retiredAt !== null })),
    accounts,
  );
}

const summary = (people: PlannedPerson[]) => ({ rows: people.length, created: people.filter((p) => !p.existing).length, updated: people.filter((p) => p.existing).length });

/** 预览: what the import would do, or every problem; writes nothing. */
export async function previewRosterImport(services: Services, actor: Actor, upload: RosterUpload) {
  await requireRosterAdmin(services, actor, upload.jurisdictionId);
  const result = await check(services, upload);
  if (!result.ok) return { ok: false, problems: result.problems, rows: result.checkedRows, created: 0, updated: 0 };
  return { ok: true, problems: [], ...summary(result.people) };
}

/** 导入: all or nothing. A file with any problem is refused whole (422 listing them). */
export async function applyRosterImport(services: Services, actor: Actor, upload: RosterUpload) {
  await requireRosterAdmin(services, actor, upload.jurisdictionId);
  const result = await check(services, upload);
  if (!result.ok)
    throw invalid(
      `名册有${result.problems.length}处问题，未导入任何内容`,
      result.problems.map((p) => ({ field: `第${p.row}行${p.column ? `·${p.column}` : ''}`, message: p.message })),
    );
  const now = services.clock();
  // Hashing is slow: done before the transaction opens, so it holds its locks briefly.
  const passwords = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const p of result.people.filter((x) => !x.existing)) {
    const password = randomBytes(9).toString('base64url');
    passwords.set(p.username, password);
    hashes.set(p.username, await hashPassword(password));
  }
  await services.db.transaction(async (tx) => {
    for (const p of result.people) {
      const values = { displayName: p.displayName, role: p.role, unitId: p.unitId, phone: p.phone, onDuty: p.onDuty, active: true };
      const [before] = await tx.select().from(users).where(eq(users.username, p.username)).for('update');
      let userId: string;
      if (before) {
        userId = before.id;
        const [after] = await tx.update(users).set(values).where(eq(users.id, before.id)).returning();
        const ending = accessEnding(before, after!);
        if (ending) {
          await endSessions(tx, now, { userId: before.id, reason: ending, jurisdictionId: upload.jurisdictionId, actorId: actor.id });
        }
      } else {
        userId = newId('usr', now.getTime());
        // The initial password is shown to the office: the person replaces it at the first login.
        await tx
          .insert(users)
          .values({ id: userId, username: p.username, passwordHash: hashes.get(p.username)!, jurisdictionId: upload.jurisdictionId, mustChangePassword: true, createdAt: now, ...values });
      }
      if (p.phone && p.smsProvider)
        await tx
          .insert(contactPoints)
          .values({ id: newId('cpt', now.getTime()), userId, channel: 'sms', provider: p.smsProvider, address: p.phone, secret: {}, createdAt: now })
          .onConflictDoUpdate({ target: [contactPoints.userId, contactPoints.channel, contactPoints.address], targetWhere: sql`user_id is not null`, set: { provider: p.smsProvider, enabled: true } });
    }
    await appendEvents(tx, now, [
      { type: 'roster.imported', jurisdictionId: upload.jurisdictionId, actorId: actor.id, data: { fileName: upload.fileName, ...summary(result.people), by: actor.displayName } },
    ]);
  });
  return {
    ...summary(result.people),
    // Shown once: the office hands each new person their initial password.
    newAccounts: [...passwords].map(([username, initialPassword]) => ({ username, initialPassword })),
  };
}
