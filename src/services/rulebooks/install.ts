/**
 * Installs rulebooks: each jurisdiction, its rulebook version and its member units. Re-installing
 * a version already on record changes nothing (administered versions made since stay current); a
 * new bundled version becomes current and keeps the old ones on record.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jurisdictions, memberUnits, rulebooks } from '../../db/schema.js';
import type { Rulebook } from '../../rulebooks/schema.js';

export async function installRulebooks(db: Database, books: Rulebook[]): Promise<void> {
  // Parents first, so a child's parent row exists.
  const ordered = [...books].sort((a, b) => Number(!!a.jurisdiction.parentId) - Number(!!b.jurisdiction.parentId));
  await db.transaction(async (tx) => {
    for (const book of ordered) {
      const j = book.jurisdiction;
      // A version already on record was installed before: the jurisdiction may since have moved on
      // to an administered version (成员单位调整), which a restart must not undo.
      const [known] = await tx
        .select({ version: rulebooks.version })
        .from(rulebooks)
        .where(and(eq(rulebooks.jurisdictionId, j.id), eq(rulebooks.version, book.version)));
      if (known) continue;
      await tx
        .insert(jurisdictions)
        .values({ id: j.id, name: j.name, level: j.level, parentId: j.parentId ?? null, utcOffset: j.utcOffset, rulebookVersion: book.version })
        .onConflictDoUpdate({
          target: jurisdictions.id,
          set: { name: j.name, level: j.level, parentId: j.parentId ?? null, utcOffset: j.utcOffset, rulebookVersion: book.version },
        });
      await tx.insert(rulebooks).values({ jurisdictionId: j.id, version: book.version, content: book }).onConflictDoNothing();
      await tx
        .insert(memberUnits)
        .values(
          book.units.map((u, position) => ({
            id: u.id,
            jurisdictionId: j.id,
            name: u.name,
            shortName: u.shortName,
            kind: u.kind,
            section: u.section ?? null,
            duties: u.duties,
            position,
          })),
        )
        .onConflictDoUpdate({
          target: memberUnits.id,
          set: {
            name: sql`excluded.name`,
            shortName: sql`excluded.short_name`,
            kind: sql`excluded.kind`,
            section: sql`excluded.section`,
            duties: sql`excluded.duties`,
            position: sql`excluded.position`,
          },
        });
    }
  });
}
