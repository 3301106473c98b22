/**
 * The joint meeting's standing work reaches a unit over the same channels as an accident notice:
 * when it is asked (round 0: whoever the unit's rota has on duty, and the unit's group robots) and
 * at each step of its overdue ladder (the engine passes the round's people). Runs in the caller's
 * transaction, so the request and its messages commit together.
 */
import type { Database } from '../../db/client.js';
import { firstRecipientsOfUnits, jurisdictionOffset } from '../rota/load.js';
import { queueExternalDeliveries } from './queue-deliveries.js';

type Request = { id: string; unitId: string; jurisdictionId: string };

/**
 * `queueExternalDeliveries` takes one subject per unit; a unit asked twice at once (two agreed
 * items of one meeting) is queued in a second group.
 */
function groupsWithDistinctUnits(requests: Request[]): Request[][] {
  const groups: Request[][] = [];
  for (const r of requests) {
    const group = groups.find((g) => !g.some((x) => x.unitId === r.unitId));
    if (group) group.push(r);
    else groups.push([r]);
  }
  return groups;
}

/**
 * Round 0: the first notice of newly asked standing requests, or (with `notice`) a change the
 * units concerned must hear of even when they have already answered (the meeting moved, called off).
 */
export async function queueStandingNotices(tx: Database, requests: Request[], now: Date, notice?: string): Promise<void> {
  if (requests.length === 0) return;
  const byJurisdiction = new Map<string, Request[]>();
  for (const r of requests) byJurisdiction.set(r.jurisdictionId, [...(byJurisdiction.get(r.jurisdictionId) ?? []), r]);
  for (const [jurisdictionId, asked] of byJurisdiction) {
    const unitIds = [...new Set(asked.map((r) => r.unitId))];
    const people = await firstRecipientsOfUnits(tx, unitIds, await jurisdictionOffset(tx, jurisdictionId), now);
    for (const group of groupsWithDistinctUnits(asked))
      await queueExternalDeliveries(tx, group, { round: 0, people, includeUnitRobots: true, now, subject: 'standing', notice });
  }
}

/** A step of the overdue ladder: round 1 every liaison and the robots, round 2 the unit heads. */
export async function queueStandingReminder(
  tx: Database,
  request: Request,
  round: 1 | 2,
  people: { id: string; unitId: string }[],
  includeUnitRobots: boolean,
  now: Date,
): Promise<void> {
  await queueExternalDeliveries(tx, [request], { round, people, includeUnitRobots, now, subject: 'standing' });
}
