/** What the admin API shows of an account: never the password hash. */
import type { users } from '../../db/schema.js';

export function personView(u: typeof users.$inferSelect) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    jurisdictionId: u.jurisdictionId,
    unitId: u.unitId,
    phone: u.phone,
    onDuty: u.onDuty,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    demo: u.demo,
    mustChangePassword: u.mustChangePassword,
  };
}
