/** How an upward-reporting obligation is shown and carried in events. */
import type { obligations } from '../../db/schema.js';
import { obligationState, submissionTimeliness } from '../../domain/obligations.js';

type ObligationRow = typeof obligations.$inferSelect;

export function obligationView(o: ObligationRow, now: Date, submittedByName: string | null = null) {
  const timeliness = submissionTimeliness(o);
  return {
    id: o.id,
    incidentId: o.incidentId,
    key: o.key,
    regime: o.regime,
    recipient: { kind: o.recipientKind, name: o.recipientName, jurisdictionId: o.recipientJurisdictionId },
    statutoryMinutes: o.statutoryMinutes,
    targetMinutes: o.targetMinutes,
    deadlineText: o.deadlineText,
    citation: o.citation,
    requirement: o.requirement,
    informational: o.informational,
    startsAt: o.startsAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    createdByVersion: o.createdByVersion,
    state: obligationState(o, now),
    submission:
      o.submittedAt && timeliness
        ? {
            at: o.submittedAt.toISOString(),
            by: o.submittedBy,
            byName: submittedByName,
            method: o.submittedVia!,
            reference: o.submissionReference,
            note: o.submissionNote,
            recordedAt: o.recordedAt?.toISOString() ?? null,
            onTime: timeliness.onTime,
            lateByMinutes: timeliness.lateByMinutes,
          }
        : null,
    upstreamIncidentId: o.upstreamIncidentId,
    supersededAt: o.supersededAt?.toISOString() ?? null,
    supersededByKey: o.supersededByKey,
  };
}

export type ObligationView = ReturnType<typeof obligationView>;
