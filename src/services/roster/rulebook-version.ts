/**
 * Writes an administered rulebook version: locks the jurisdiction, applies the edit to its current
 * book, records the new version with who and why, and makes it current — in the caller's
 * transaction, so the unit rows and the event commit with it or not at all.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jurisdictions, rulebooks } from '../../db/schema.js';
import { applyUnitEdit, nextRulebookVersion, type UnitEdit } from '../../domain/roster/unit-edits.js';
import { rulebookSchema, type Rulebook } from '../../rulebooks/schema.js';
import { conflict, invalid, notFound } from '../errors.js';

export interface NewVersion {
  before: Rulebook;
  book: Rulebook;
}

export async function writeRulebookVersion(tx: Database, jurisdictionId: string, edit: UnitEdit, by: { userId: string; reason: string; at: Date }): Promise<NewVersion> {
  const [j] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId)).for('update');
  if (!j) throw notFound('辖区');
  const versions = await tx.select({ version: rulebooks.version, content: rulebooks.content }).from(rulebooks).where(eq(rulebooks.jurisdictionId, jurisdictionId));
  const current = versions.find((v) => v.version === j.rulebookVersion);
  if (!current) throw conflict('本辖区没有现行规则库 (no current rulebook)');
  const parsed = rulebookSchema.safeParse(current.content);
  const before = parsed.success ? parsed.data : current.content;
  const version = nextRulebookVersion(before.version, versions.map((v) => v.version));
  const result = applyUnitEdit(before, edit, version);
  if (!result.ok) throw invalid('该调整会使规则库不成立 (rulebook would be invalid)', result.problems);
  await tx.insert(rulebooks).values({ jurisdictionId, version, content: result.book, loadedAt: by.at, basedOn: before.version, createdBy: by.userId, reason: by.reason });
  await tx.update(jurisdictions).set({ rulebookVersion: version }).where(eq(jurisdictions.id, jurisdictionId));
  return { before, book: result.book };
}
