/**
 * The admin API's gates, as the policy decides (src/domain/policy/administration.ts): another
 * jurisdiction is invisible (404); a role without administration may not (403).
 */
import { eq } from 'drizzle-orm';
import { jurisdictions } from '../../db/schema.js';
import { mayAdministerAll, mayAdministerJurisdiction, mayReadAdministration } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

const ADMINISTRATIVE_ROLES = ['admin', 'jurisdiction_admin', 'commander'];

export async function requireAdminRead(services: Services, actor: Actor, jurisdictionId: string) {
  if (!ADMINISTRATIVE_ROLES.includes(actor.role) || actor.scopes) throw forbidden('只有管理员和指挥长可以查看 (admins and commanders only)');
  if (!mayReadAdministration(actor, jurisdictionId)) throw notFound('辖区');
  return existingJurisdiction(services, jurisdictionId);
}

/** Changing a jurisdiction's set-up: its administrators and the system administrator. */
export async function requireAdministration(services: Services, actor: Actor, jurisdictionId: string) {
  requireSomeAdministration(actor);
  if (!mayAdministerJurisdiction(actor, jurisdictionId)) throw notFound('辖区');
  return existingJurisdiction(services, jurisdictionId);
}

/** An administrator of some jurisdiction (or all): which one is decided per item. */
export function requireSomeAdministration(actor: Actor): void {
  if ((actor.role !== 'admin' && actor.role !== 'jurisdiction_admin') || actor.scopes) throw forbidden('只有管理员可以修改 (admins only)');
}

/** Across every jurisdiction: the system administrator only. */
export function requireAdmin(actor: Actor): void {
  if (!mayAdministerAll(actor)) throw forbidden('只有管理员可以修改 (admins only)');
}

async function existingJurisdiction(services: Services, jurisdictionId: string) {
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  return j;
}
