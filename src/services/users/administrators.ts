/**
 * The first administrators and password resets without a running server (the command line,
 * src/cli): the same rows, rules and session ending as the API's.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jurisdictions, users } from '../../db/schema.js';
import { passwordProblems } from '../../domain/password-policy.js';
import { replacePassword, oneTimePassword } from '../auth/passwords.js';
import { hashPassword } from '../auth/password.js';
import { conflict, invalid, notFound } from '../errors.js';
import { newId } from '../ids.js';

export interface NewAdministrator {
  username: string;
  displayName: string;
  /** Null: the system administrator (all jurisdictions); otherwise that jurisdiction's administrator. */
  jurisdictionId: string | null;
  /** Absent: a one-time password is made. Either way it is changed at the first login. */
  password?: string;
}

export async function addAdministrator(db: Database, now: Date, input: NewAdministrator) {
  if (input.jurisdictionId) {
    const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, input.jurisdictionId));
    if (!j) throw invalid(`没有辖区 ${input.jurisdictionId}`, [{ field: 'jurisdiction', message: `没有辖区 ${input.jurisdictionId}` }]);
  }
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length) throw invalid(problems.join('；'), problems.map((message) => ({ field: 'password', message })));
  }
  const password = input.password ?? oneTimePassword();
  const [created] = await db
    .insert(users)
    .values({
      id: newId('usr', now.getTime()),
      username: input.username,
      passwordHash: await hashPassword(password),
      displayName: input.displayName,
      role: input.jurisdictionId ? 'jurisdiction_admin' : 'admin',
      jurisdictionId: input.jurisdictionId,
      onDuty: false,
      // Whoever typed the password at the console, only the person should know the one they use.
      mustChangePassword: true,
      createdAt: now,
    })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!created) throw conflict(`用户名 ${input.username} 已被使用`, { field: 'username' });
  return { user: created, oneTimePassword: input.password === undefined ? password : null };
}

export async function resetPasswordOf(db: Database, now: Date, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
  if (!user || user.serviceAccount) throw notFound(`用户 ${username} `);
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await db.transaction((tx) => replacePassword(tx, now, user, hash, true, user.id));
  return { user, oneTimePassword: password };
}

export async function listAccounts(db: Database, jurisdictionId?: string) {
  const rows = await db.select().from(users).orderBy(asc(users.jurisdictionId), asc(users.role), asc(users.username));
  return rows.filter((u) => !jurisdictionId || u.jurisdictionId === jurisdictionId);
}
