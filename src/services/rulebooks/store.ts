/** Reads each jurisdiction's current rulebook from the database, cached per version. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jurisdictions, rulebooks } from '../../db/schema.js';
import { rulebookSchema, type Rulebook } from '../../rulebooks/schema.js';

export interface RulebookStore {
  /**
   * The jurisdiction's current rulebook, or null when there is no such jurisdiction. Pass the
   * transaction when inside one: embedded PGlite has one connection, so a query outside an open
   * transaction would wait for it forever.
   */
  current(jurisdictionId: string, executor?: Database): Promise<Rulebook | null>;
}

export function createRulebookStore(db: Database): RulebookStore {
  const cache = new Map<string, Rulebook>();
  return {
    async current(jurisdictionId, executor = db) {
      const [j] = await executor
        .select({ version: jurisdictions.rulebookVersion })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, jurisdictionId));
      if (!j) return null;
      const key = `${jurisdictionId}@${j.version}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const [row] = await executor
        .select({ content: rulebooks.content })
        .from(rulebooks)
        .where(and(eq(rulebooks.jurisdictionId, jurisdictionId), eq(rulebooks.version, j.version)));
      if (!row) return null;
      // Stored before a field was added? Parsing fills the schema's defaults (e.g. upwardReporting).
      const parsed = rulebookSchema.safeParse(row.content);
      const book = parsed.success ? parsed.data : row.content;
      cache.set(key, book);
      return book;
    },
  };
}
