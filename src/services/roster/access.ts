/**
 * Who may administer a jurisdiction's roster: the one pure check `mayAdministerJurisdiction`. A
 * jurisdiction the caller does not administer is invisible to a jurisdiction administrator (404);
 * every other role is refused (403).
 */
import { eq } from 'drizzle-orm';
import { jurisdictions } from '../../db/schema.js';
import { mayAdministerJurisdiction } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

export async function requireRosterAdmin(services: Services, actor: Actor, jurisdictionId: string) {
  if (!mayAdministerJurisdiction(actor, jurisdictionId)) {
    if (actor.role === 'jurisdiction_admin') throw notFound('辖区');
    throw forbidden('只有管理员可以管理成员单位和人员 (administrators only)');
  }
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  return j;
}
