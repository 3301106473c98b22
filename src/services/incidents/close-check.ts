/** What still stands open when a 终报 would close an incident, named for the 409 answer. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { memberUnits, obligations, responseTasks } from '../../db/schema.js';
import { closeBlockers } from '../../domain/closing.js';

export async function openItemsAtClose(tx: Database, incidentId: string) {
  const obligationRows = await tx.select().from(obligations).where(eq(obligations.incidentId, incidentId));
  const taskRows = await tx
    .select({ id: responseTasks.id, title: responseTasks.title, state: responseTasks.state, unitName: memberUnits.name, dueAt: responseTasks.dueAt })
    .from(responseTasks)
    .innerJoin(memberUnits, eq(memberUnits.id, responseTasks.unitId))
    .where(eq(responseTasks.incidentId, incidentId));
  const blockers = closeBlockers({ obligations: obligationRows, tasks: taskRows });
  return {
    obligations: blockers.obligations.map((o) => ({ id: o.id, key: o.key, recipientName: o.recipientName, deadlineText: o.deadlineText, dueAt: o.dueAt.toISOString() })),
    tasks: blockers.tasks.map((t) => ({ id: t.id, title: t.title, unitName: t.unitName, state: t.state, dueAt: t.dueAt.toISOString() })),
  };
}

export function describeOpenItems(open: Awaited<ReturnType<typeof openItemsAtClose>>): string {
  const parts = [
    ...open.obligations.map((o) => `未上报：${o.recipientName}（${o.deadlineText}）`),
    ...open.tasks.map((t) => `未办结任务：${t.unitName}「${t.title}」`),
  ];
  return parts.join('；');
}
