/**
 * What no timer or delivery may act on any more: the items of a closed incident, a notification
 * superseded, withdrawn or declined, a task done, closed or handed to another unit, a standing
 * request answered or withdrawn. Every claim
 * of the engine filters with these conditions in the same statement that locks the rows, so a
 * step or a message already queued when the incident closed can never fire after the close
 * committed, on any node.
 */
import { sql, type SQL } from 'drizzle-orm';
import { deliveries, incidents, notifications, responseTasks, standingRequests } from '../db/schema.js';

/** The incident row joined into a claim is open. */
export const incidentOpen: SQL = sql`${incidents.status} = 'open'`;

/** A queued delivery whose subject no longer wants it sent. */
export const deliveryStopped: SQL = sql`(
  exists (
    select 1 from ${notifications} n join ${incidents} i on i.id = n.incident_id
    where n.id = ${deliveries.notificationId}
      and (n.state in ('superseded', 'withdrawn', 'declined')
        or (${deliveries.round} > 0 and (n.state <> 'pending' or i.status <> 'open')))
  )
  or exists (
    select 1 from ${responseTasks} t join ${incidents} i on i.id = t.incident_id
    where t.id = ${deliveries.taskId}
      and (t.state not in ('open', 'accepted', 'blocked') or t.unit_id is distinct from ${deliveries.unitId} or i.status <> 'open')
  )
  or exists (
    select 1 from ${standingRequests} s
    where s.id = ${deliveries.standingRequestId} and s.state <> 'pending' and ${deliveries.notice} is null
  )
)`;

export { STOPPED_REASON } from '../domain/delivery-failure.js';
