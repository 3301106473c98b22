/**
 * 年度报送 on the standing-work core (src/services/standing/requests.ts): when a year's round opens
 * every member unit is asked, with the 15 January deadline; the standing-due timer chases a unit
 * still silent after it on the escalation ladder; filing answers the unit's request and stops it.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { standingRequests } from '../../db/schema.js';
import type { NewEvent } from '../events/append.js';
import { answerRequest, askUnits } from '../standing/requests.js';

/** The subject every unit's request of one jurisdiction's year points to. */
export const annualSubject = (jurisdictionId: string, year: number) => `annual:${jurisdictionId}:${year}`;
export const annualLink = (year: number) => `/bulletins/annual?year=${year}`;

export async function askForAnnualSubmissions(tx: Database, now: Date, round: { jurisdictionId: string; year: number; dueAt: Date; unitIds: string[] }): Promise<NewEvent[]> {
  const { events } = await askUnits(
    tx,
    now,
    null,
    round.unitIds.map((unitId) => ({
      jurisdictionId: round.jurisdictionId,
      kind: 'annual_submission' as const,
      meetingId: null,
      subjectId: annualSubject(round.jurisdictionId, round.year),
      link: annualLink(round.year),
      unitId,
      role: 'member' as const,
      title: `${round.year}年度报送（上年度工作总结、本年度重点工作计划、议题建议）`,
      dueAt: round.dueAt,
    })),
  );
  return events;
}

/** The unit filed: its request (if it was asked and is still waiting) is answered, which stops the ladder. */
export async function fulfilAnnualRequest(
  tx: Database,
  f: { unitId: string; jurisdictionId: string; year: number; now: Date; actor: { id: string; displayName: string } },
): Promise<NewEvent[]> {
  const [request] = await tx
    .select()
    .from(standingRequests)
    .where(
      and(
        eq(standingRequests.kind, 'annual_submission'),
        eq(standingRequests.subjectId, annualSubject(f.jurisdictionId, f.year)),
        eq(standingRequests.unitId, f.unitId),
        eq(standingRequests.state, 'pending'),
      ),
    )
    .for('update');
  if (!request) return [];
  return (await answerRequest(tx, f.now, f.actor, request, 'complete', { year: f.year })).events;
}
