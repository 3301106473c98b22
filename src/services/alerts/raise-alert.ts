/** Raises a 督办 alert for the commanders inside the caller's transaction; at most one open per subject (notification, task, obligation, standing request) and kind. */
import type { Database } from '../../db/client.js';
import { alerts, type ALERT_KINDS } from '../../db/schema.js';
import type { NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { alertIncident, alertSubject } from './alerts.js';

export interface AlertInput {
  jurisdictionId: string;
  /** Null for standing work: `standingRequestId` names what it is about. */
  incidentId: string | null;
  notificationId: string | null;
  taskId?: string | null;
  obligationId?: string | null;
  standingRequestId?: string | null;
  unitId: string | null;
  kind: (typeof ALERT_KINDS)[number];
  reason: string;
  now: Date;
}

/** Returns the event to append, or null when the same alert is already open. */
export async function raiseAlert(tx: Database, input: AlertInput): Promise<NewEvent | null> {
  const [alert] = await tx
    .insert(alerts)
    .values({ id: newId('alr', input.now.getTime()), ...input, raisedAt: input.now })
    .onConflictDoNothing()
    .returning();
  if (!alert) return null;
  return {
    type: 'alert.raised',
    jurisdictionId: input.jurisdictionId,
    incidentId: input.incidentId,
    data: {
      alert: {
        id: alert.id,
        kind: alert.kind,
        notificationId: alert.notificationId,
        taskId: alert.taskId,
        obligationId: alert.obligationId,
        standingRequestId: alert.standingRequestId,
        unitId: alert.unitId,
        incidentId: alert.incidentId,
        reason: alert.reason,
        raisedAt: alert.raisedAt.toISOString(),
        incident: alert.incidentId ? await alertIncident(tx, alert.incidentId) : null,
        subject: await alertSubject(tx, alert),
      },
    },
  };
}
