/**
 * 逐级上报 links between incidents: `upstream` are the incidents this one was reported up as (in
 * the jurisdictions above); `downstream` is the lower jurisdiction's incident this one arrived
 * from, with its version history. Each side's commission sees the other's summary, read-only.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, jurisdictions, reportVersions } from '../../db/schema.js';

const summary = {
  id: incidents.id,
  ref: incidents.ref,
  jurisdictionId: incidents.jurisdictionId,
  jurisdictionName: jurisdictions.name,
  title: incidents.title,
  status: incidents.status,
  severity: incidents.severity,
  receivedAt: incidents.receivedAt,
};

export async function incidentLinks(db: Database, incident: { id: string; sourceIncidentId: string | null }) {
  const upstream = await db
    .select(summary)
    .from(incidents)
    .innerJoin(jurisdictions, eq(jurisdictions.id, incidents.jurisdictionId))
    .where(eq(incidents.sourceIncidentId, incident.id))
    .orderBy(asc(incidents.createdAt));
  let downstream = null;
  if (incident.sourceIncidentId) {
    const [source] = await db.select(summary).from(incidents).innerJoin(jurisdictions, eq(jurisdictions.id, incidents.jurisdictionId)).where(eq(incidents.id, incident.sourceIncidentId));
    if (source) {
      const versions = await db.select().from(reportVersions).where(eq(reportVersions.incidentId, source.id)).orderBy(asc(reportVersions.version));
      downstream = {
        ...source,
        receivedAt: source.receivedAt.toISOString(),
        versions: versions.map((v) => ({
          version: v.version,
          kind: v.kind,
          filedAt: v.filedAt.toISOString(),
          severity: v.classification.severity,
          casualties: v.facts.casualties,
          title: v.facts.title,
          narrative: v.facts.narrative,
        })),
      };
    }
  }
  return { upstream: upstream.map((u) => ({ ...u, receivedAt: u.receivedAt.toISOString() })), downstream };
}
