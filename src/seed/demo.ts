/**
 * Demo accounts (spec §8), created in an empty database unless SEED_DEMO=false. All share the
 * public demo password, so one scrypt hash serves them all instead of ~200 slow derivations.
 */
import { and, count, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';
import type { Rulebook } from '../rulebooks/schema.js';
import { hashPassword, verifyPassword } from '../services/auth/password.js';
import { createUsers, type NewUser } from '../services/users/create-user.js';

export const DEMO_PASSWORD = 'lianfang-demo';
export const DEFAULT_JURISDICTION = 'xinyang';

/** A made-up mobile number per demo person, so one-tap calling has something to dial. */
const demoPhone = (n: number) => `1390376${String(n).padStart(4, '0')}`;

export function demoAccounts(books: Rulebook[], passwordHash: string): NewUser[] {
  const list: NewUser[] = [{ username: 'admin', passwordHash, displayName: '系统管理员', role: 'admin', jurisdictionId: null }];
  for (const book of books) {
    const j = book.jurisdiction;
    const suffix = j.id === DEFAULT_JURISDICTION ? '' : `.${j.id}`;
    list.push(
      { username: `duty${suffix}`, passwordHash, displayName: `${j.name}卫健委值班员`, role: 'duty_officer', jurisdictionId: j.id },
      { username: `commander${suffix}`, passwordHash, displayName: `${j.name}指挥长`, role: 'commander', jurisdictionId: j.id },
    );
    for (const unit of book.units)
      list.push(
        { username: `liaison.${unit.id}`, passwordHash, displayName: `${unit.shortName}联络员`, role: 'liaison', jurisdictionId: j.id, unitId: unit.id, phone: demoPhone(list.length) },
        { username: `head.${unit.id}`, passwordHash, displayName: `${unit.shortName}负责人`, role: 'unit_head', jurisdictionId: j.id, unitId: unit.id, phone: demoPhone(list.length + 1) },
      );
  }
  return list;
}

/** Seeds the demo accounts when there are no users yet; returns how many were created. */
export async function seedDemoAccounts(db: Database, books: Rulebook[]): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return 0;
  const accounts = demoAccounts(books, await hashPassword(DEMO_PASSWORD)).map((a) => ({ ...a, demo: true }));
  await createUsers(db, accounts);
  return accounts.length;
}

/**
 * Marks as demo the accounts an older version seeded before accounts carried the flag: they share
 * one hash of the published password, so one check of the demo `duty` account finds them all.
 */
export async function markSeededDemoAccounts(db: Database): Promise<number> {
  const [duty] = await db.select({ hash: users.passwordHash }).from(users).where(and(eq(users.username, 'duty'), eq(users.demo, false)));
  if (!duty || !(await verifyPassword(DEMO_PASSWORD, duty.hash))) return 0;
  const marked = await db.update(users).set({ demo: true }).where(eq(users.passwordHash, duty.hash)).returning({ id: users.id });
  return marked.length;
}

export function demoBanner(books: Rulebook[]): string {
  const lines = [
    '演示数据 Demo data loaded. Every account uses the password: ' + DEMO_PASSWORD,
    '  admin                      管理员 (all jurisdictions)',
  ];
  for (const book of books) {
    const suffix = book.jurisdiction.id === DEFAULT_JURISDICTION ? '' : `.${book.jurisdiction.id}`;
    lines.push(`  duty${suffix} / commander${suffix}`.padEnd(29) + `${book.jurisdiction.name} 值班员 / 指挥长`);
  }
  lines.push('  liaison.<unitId> / head.<unitId>  each member unit (GET /api/v1/jurisdictions/<id>/units lists unit ids)');
  const xinyang = books.find((b) => b.jurisdiction.id === DEFAULT_JURISDICTION);
  if (xinyang) lines.push(`  e.g. ${xinyang.units.slice(0, 3).map((u) => `liaison.${u.id}`).join(', ')}`);
  return lines.join('\n');
}
