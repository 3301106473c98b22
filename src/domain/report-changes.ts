/**
 * What a 续报 changes compared with the version before it. A change of severity, routing or
 * casualty counts asks every concerned unit to acknowledge the new version (spec §3 step 5). Pure.
 */
import type { IncidentFacts } from '../contract/report.js';
import type { Severity, UnitRole } from './enums.js';

export interface VersionSnapshot {
  severity: Severity;
  casualties: IncidentFacts['casualties'];
  routing: { unitId: string; role: UnitRole }[];
}

export interface ReportChanges {
  severityChanged: boolean;
  casualtiesChanged: boolean;
  routingChanged: boolean;
  addedUnits: string[];
  removedUnits: string[];
  roleChangedUnits: string[];
  /** True when units must acknowledge again. */
  requiresReacknowledgement: boolean;
}

export function compareVersions(previous: VersionSnapshot, next: VersionSnapshot): ReportChanges {
  const before = new Map(previous.routing.map((d) => [d.unitId, d.role]));
  const after = new Map(next.routing.map((d) => [d.unitId, d.role]));
  const addedUnits = [...after.keys()].filter((u) => !before.has(u));
  const removedUnits = [...before.keys()].filter((u) => !after.has(u));
  const roleChangedUnits = [...after.entries()].filter(([u, role]) => before.has(u) && before.get(u) !== role).map(([u]) => u);
  const severityChanged = previous.severity !== next.severity;
  const c0 = previous.casualties;
  const c1 = next.casualties;
  const casualtiesChanged = (Object.keys(c0) as (keyof typeof c0)[]).some((k) => c0[k] !== c1[k]);
  const routingChanged = addedUnits.length + removedUnits.length + roleChangedUnits.length > 0;
  return {
    severityChanged,
    casualtiesChanged,
    routingChanged,
    addedUnits,
    removedUnits,
    roleChangedUnits,
    requiresReacknowledgement: severityChanged || casualtiesChanged || routingChanged,
  };
}

/** What one unit is told about the version it is notified of: which report, and the version before as it stood for this unit. */
export interface UnitRevision {
  kind: 'initial' | 'follow_up' | 'final';
  version: number;
  previous: { version: number; severity: Severity; casualties: IncidentFacts['casualties']; role: UnitRole | null } | null;
}

export function unitRevision(kind: UnitRevision['kind'], version: number, previous: (VersionSnapshot & { version: number }) | null, unitId: string): UnitRevision {
  if (!previous) return { kind, version, previous: null };
  const role = previous.routing.find((d) => d.unitId === unitId)?.role ?? null;
  return { kind, version, previous: { version: previous.version, severity: previous.severity, casualties: previous.casualties, role } };
}
