/** Creates an account (admin tooling, demo data and tests). */
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { UserRole } from '../../domain/enums.js';
import { newId } from '../ids.js';

export interface NewUser {
  username: string;
  passwordHash: string;
  displayName: string;
  role: UserRole;
  jurisdictionId: string | null;
  unitId?: string | null;
  phone?: string | null;
  onDuty?: boolean;
  /** Demo seed accounts (published password): refused at login in production. */
  demo?: boolean;
  mustChangePassword?: boolean;
}

export async function createUsers(db: Database, list: NewUser[]): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = list.map((u) => ({
    id: newId('usr'),
    username: u.username.toLowerCase(),
    passwordHash: u.passwordHash,
    displayName: u.displayName,
    role: u.role,
    jurisdictionId: u.jurisdictionId,
    unitId: u.unitId ?? null,
    phone: u.phone ?? null,
    onDuty: u.onDuty ?? true,
    demo: u.demo ?? false,
    mustChangePassword: u.mustChangePassword ?? false,
  }));
  await db.insert(users).values(rows).onConflictDoNothing({ target: users.username });
  return rows.map((r) => r.id);
}
