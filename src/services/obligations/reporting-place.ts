/** Where a jurisdiction sits for upward reporting: itself and the jurisdictions above it, parent first. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jurisdictions } from '../../db/schema.js';
import type { JurisdictionRef, ReportingPlace } from '../../domain/obligations.js';

/** A chain longer than this is a cycle in the data, not a hierarchy. */
const MAX_DEPTH = 5;

export async function reportingPlace(tx: Database, jurisdictionId: string): Promise<ReportingPlace> {
  const chain: JurisdictionRef[] = [];
  let next: string | null = jurisdictionId;
  while (next && chain.length <= MAX_DEPTH && !chain.some((j) => j.id === next)) {
    const [row] = await tx
      .select({ id: jurisdictions.id, name: jurisdictions.name, level: jurisdictions.level, parentId: jurisdictions.parentId })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, next));
    if (!row) break;
    chain.push({ id: row.id, name: row.name, level: row.level });
    next = row.parentId;
  }
  const [self, ...ancestors] = chain;
  if (!self) throw new Error(`unknown jurisdiction ${jurisdictionId}`);
  return { self, ancestors };
}
