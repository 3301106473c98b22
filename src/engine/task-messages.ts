/**
 * The dispatcher's part for task messages (a new joint response task, then the reminders of its
 * overdue ladder): loads the tasks a batch of claimed deliveries is about and renders each one.
 * They carry a link to the unit's task page, not a one-tap acknowledgement link.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { deliveries, incidents, jurisdictions, memberUnits, responseTasks } from '../db/schema.js';
import type { ChannelAdapter, ContactPoint, SendResult } from '../delivery/channel.js';
import { composeTaskMessage } from '../delivery/compose.js';
import { isTaskOpen } from '../domain/tasks.js';

type Delivery = typeof deliveries.$inferSelect;
type Point = { id: string; channel: string; provider: string; address: string; secret: Record<string, string>; enabled: boolean };

export async function loadTaskContext(db: Database, claimed: Delivery[]) {
  const ids = [...new Set(claimed.flatMap((d) => (d.taskId ? [d.taskId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ t: responseTasks, incident: incidents, unitName: memberUnits.name, utcOffset: jurisdictions.utcOffset })
    .from(responseTasks)
    .innerJoin(incidents, eq(incidents.id, responseTasks.incidentId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, incidents.jurisdictionId))
    .innerJoin(memberUnits, eq(memberUnits.id, responseTasks.unitId))
    .where(inArray(responseTasks.id, ids));
  return new Map(rows.map((r) => [r.t.id, r]));
}

export type TaskContext = Awaited<ReturnType<typeof loadTaskContext>>;

export function prepareTaskDelivery(
  d: Delivery,
  point: Point | undefined,
  row: { t: typeof responseTasks.$inferSelect; incident: typeof incidents.$inferSelect; unitName: string; utcOffset: string } | undefined,
  adapters: Partial<Record<ContactPoint['provider'], ChannelAdapter>>,
  publicUrl: string,
): { skip: SendResult } | { adapter: ChannelAdapter; message: ReturnType<typeof composeTaskMessage>; contact: ContactPoint } {
  if (!row || !point || !point.enabled) return { skip: { ok: false, temporary: false, reason: '联系方式已删除或停用 (contact point removed)' } };
  // A task handed to another unit is no longer this unit's to be reminded of.
  if (!isTaskOpen(row.t.state) || row.t.unitId !== d.unitId) return { skip: { ok: false, temporary: false, stopped: true, reason: '任务已办结、关闭或改派，无需提醒 (task no longer open for this unit)' } };
  const adapter = adapters[point.provider as ContactPoint['provider']];
  if (!adapter) return { skip: { ok: false, temporary: false, reason: `未配置 ${point.provider} 通道 (channel not configured)` } };
  const message = composeTaskMessage({
    deliveryId: d.id,
    round: d.round,
    incident: { id: row.incident.id, ref: row.incident.ref, title: row.incident.title, drill: row.incident.drill },
    task: { id: row.t.id, unitName: row.unitName, role: row.t.role, title: row.t.title, description: row.t.description, dueAt: row.t.dueAt },
    url: `${publicUrl}/?task=${encodeURIComponent(row.t.id)}`,
    utcOffset: row.utcOffset,
  });
  const contact: ContactPoint = { id: point.id, channel: point.channel as ContactPoint['channel'], provider: point.provider as ContactPoint['provider'], address: point.address, secret: point.secret };
  return { adapter, message, contact };
}
