/**
 * Who may use the admin API: admins read and change everything; a jurisdiction's commander and
 * jurisdiction administrator may read their own jurisdiction. Another jurisdiction is invisible (404); other roles may not (403).
 */
import { eq } from 'drizzle-orm';
import { jurisdictions } from '../../db/schema.js';
import { mayAdministerJurisdiction } from '../../domain/admin-scope.js';
import type { Actor, Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

export async function requireAdminRead(services: Services, actor: Actor, jurisdictionId: string) {
  if (actor.role !== 'admin' && actor.role !== 'commander' && actor.role !== 'jurisdiction_admin') throw forbidden('只有管理员和指挥长可以查看 (admins and commanders only)');
  if (actor.role !== 'admin' && !mayAdministerJurisdiction(actor, jurisdictionId) && actor.jurisdictionId !== jurisdictionId) throw notFound('辖区');
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  return j;
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('只有管理员可以修改 (admins only)');
}
