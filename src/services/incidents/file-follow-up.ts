/**
 * 续报 / 终报: a new report version. Severity and routing are recomputed from the new facts; when
 * severity, routing or casualties change, every concerned unit is asked to acknowledge the new
 * version (earlier open notifications are superseded, units no longer concerned are withdrawn).
 * New upward-reporting obligations (a raised severity, a new regime) are created at once, their
 * clocks running from this report's receipt. The 终报 closes the incident only when every
 * obligation is submitted and every task done or closed, unless a commander overrides with a reason.
 */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { FollowUpSubmission } from '../../contract/report.js';
import { alerts, incidents, memberUnits, notifications, obligations, reportVersions, responseTasks } from '../../db/schema.js';
import { blocksClosing } from '../../domain/closing.js';
import { compareVersions } from '../../domain/report-changes.js';
import { servesJurisdiction, type Actor, type Services } from '../context.js';
import { followUpTimeProblems } from '../../domain/time-bounds.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { createObligations } from '../obligations/create-obligations.js';
import { describeOpenItems, openItemsAtClose } from './close-check.js';
import { resolvedDeclines } from './resolved-declines.js';
import { upstreamEvents } from './upstream-events.js';
import { settleAlerts } from '../alerts/settle-alerts.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { onceForKey, requestFingerprint } from '../idempotency.js';
import { assessmentView, planReport } from './assess.js';
import { latestVersion, loadVisibleIncident } from './load.js';
import { notifyUnits } from './notify-units.js';
import { requireFilingRights } from './filing-rights.js';
import { mayOverrideClose } from '../../domain/policy/index.js';

export async function fileFollowUp(
  services: Services,
  actor: Actor,
  incidentId: string,
  submission: FollowUpSubmission,
  idempotencyKey?: string,
) {
  const visible = await loadVisibleIncident(services.db, actor, incidentId);
  if (!servesJurisdiction(actor, visible.jurisdictionId)) throw forbidden('只有卫健委值班员和指挥长可以续报 (only commission staff file follow-ups)');
  if (submission.closeOverride && !mayOverrideClose(actor, visible.jurisdictionId))
    throw forbidden('只有指挥长可以强制结案 (only a commander may close with open items)');
  const book = await requireFilingRights(services, actor, visible.jurisdictionId);
  const timeProblems = followUpTimeProblems(submission.occurredAt, visible.receivedAt);
  if (timeProblems.length) throw invalid('报告中的时间有误', timeProblems);
  const assessment = planReport(book, submission, submission.extraUnits, submission.excludeUnits, await resolvedDeclines(services.db, incidentId));
  const fingerprint = await requestFingerprint({ incidentId, submission });
  const now = services.clock();

  return services.db.transaction((tx) =>
    onceForKey(tx, actor.id, idempotencyKey, fingerprint, async () => {
      // Lock the incident so two follow-ups cannot both become version N+1.
      const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
      if (incident!.status !== 'open') throw conflict('事故已终报结案，不能再续报 (incident is closed)');
      const previous = await latestVersion(tx, incidentId);
      const version = incident!.currentVersion + 1;
      const { kind, extraUnits: _x, excludeUnits: _e, closeOverride, ...rest } = submission;
      const facts = { ...rest, receivedAt: incident!.receivedAt.toISOString() };
      const changes = compareVersions(
        { severity: previous.classification.severity, casualties: previous.facts.casualties, routing: previous.routing },
        { severity: assessment.classification.severity, casualties: facts.casualties, routing: assessment.routing },
      );
      const closing = kind === 'final';
      const [updated] = await tx
        .update(incidents)
        .set({
          title: submission.title,
          severity: assessment.classification.severity,
          currentVersion: version,
          updatedAt: now,
          ...(closing ? { status: 'closed' as const, closedAt: now, closedBy: actor.id, closeOverrideReason: closeOverride?.reason ?? null } : {}),
        })
        .where(eq(incidents.id, incidentId))
        .returning();
      await tx.insert(reportVersions).values({
        incidentId,
        version,
        kind,
        facts,
        classification: assessment.classification,
        routing: assessment.routing,
        excluded: assessment.excluded,
        warnings: assessment.warnings,
        rulebookVersion: book.version,
        requiresReacknowledgement: changes.requiresReacknowledgement,
        filedBy: actor.id,
        filedAt: now,
      });

      const events: NewEvent[] = [];
      const notifiedBefore = await tx
        .selectDistinct({ unitId: notifications.unitId })
        .from(notifications)
        .where(and(eq(notifications.incidentId, incidentId), ne(notifications.state, 'withdrawn')));
      let created: Awaited<ReturnType<typeof notifyUnits>>['views'] = [];
      // A 终报 closes the incident: nobody is asked to acknowledge a version they could not act on.
      if (changes.requiresReacknowledgement && !closing) {
        const staying = new Set(assessment.routing.map((d) => d.unitId));
        const open = await tx
          .update(notifications)
          .set({ state: 'superseded', closedAt: now, nextEscalationAt: null })
          .where(and(eq(notifications.incidentId, incidentId), eq(notifications.state, 'pending')))
          .returning({ id: notifications.id, unitId: notifications.unitId });
        const removed = notifiedBefore.map((n) => n.unitId).filter((u) => !staying.has(u));
        if (removed.length)
          await tx
            .update(notifications)
            .set({ state: 'withdrawn', closedAt: now })
            .where(and(eq(notifications.incidentId, incidentId), inArray(notifications.unitId, removed), eq(notifications.state, 'superseded')));
        // A superseded or withdrawn notification's 督办 is settled with it: the new version has its own clock.
        events.push(
          ...(await settleAlerts(tx, {
            where: inArray(alerts.notificationId, open.map((n) => n.id)),
            kinds: ['ack_overdue'],
            resolution: `第${version}版续报已取代此通知`,
            now,
            actor,
          })),
        );
        for (const n of open)
          events.push({
            type: staying.has(n.unitId) ? 'notification.superseded' : 'notification.withdrawn',
            jurisdictionId: incident!.jurisdictionId,
            incidentId,
            audienceUnits: [n.unitId],
            actorId: actor.id,
            data: { notificationId: n.id, unitId: n.unitId, byVersion: version },
          });
        const fanOut = await notifyUnits(tx, {
          incident: updated!,
          facts,
          version,
          routing: assessment.routing,
          book,
          severity: assessment.classification.severity,
          now,
          actorId: actor.id,
          revision: {
            kind,
            previous: { version: previous.version, severity: previous.classification.severity, casualties: previous.facts.casualties, routing: previous.routing },
          },
          voiceCalls: services.voiceCalls,
        });
        created = fanOut.views;
        events.push(...fanOut.events);
      }
      // A raised severity or a new regime brings its obligations now; the ones already there stay.
      events.push(
        ...(await createObligations(tx, { incident: incident!, classification: assessment.classification, book, version, startsAt: now, now, actorId: actor.id })),
      );
      let openAtClose: Awaited<ReturnType<typeof openItemsAtClose>> | null = null;
      if (closing) {
        openAtClose = await openItemsAtClose(tx, incidentId);
        if (blocksClosing(openAtClose) && !closeOverride)
          throw conflict(`还有未完成事项，不能结案：${describeOpenItems(openAtClose)} (open obligations or tasks; a commander may close with closeOverride)`, {
            open: openAtClose,
          });
        // Closed: the clocks of what was left open stop (the override says why).
        await tx.update(obligations).set({ nextChaseAt: null }).where(and(eq(obligations.incidentId, incidentId), isNull(obligations.submittedAt)));
        await tx.update(responseTasks).set({ nextEscalationAt: null }).where(eq(responseTasks.incidentId, incidentId));
        // No unit is chased to acknowledge a closed incident: its ladders stop here (the engine's claims skip closed incidents too).
        await tx.update(notifications).set({ nextEscalationAt: null }).where(eq(notifications.incidentId, incidentId));
        // …and its lateness 督办 leave the board (the account keeps who was late). A decline stays
        // until a commander resolves it, closed or not: every decline is answered.
        events.push(
          ...(await settleAlerts(tx, {
            where: eq(alerts.incidentId, incidentId),
            kinds: ['ack_overdue', 'task_overdue', 'task_blocked', 'obligation_overdue'],
            resolution: '已终报结案',
            now,
            actor,
          })),
        );
      }

      const unitNames = new Map(
        (await tx.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.jurisdictionId, incident!.jurisdictionId))).map((u) => [u.id, u.name]),
      );
      // Units that hold a task here see the incident through it, so they hear of its changes too.
      const taskUnits = await tx.selectDistinct({ unitId: responseTasks.unitId }).from(responseTasks).where(eq(responseTasks.incidentId, incidentId));
      const audience = [...new Set([...notifiedBefore.map((n) => n.unitId), ...assessment.routing.map((d) => d.unitId), ...taskUnits.map((t) => t.unitId)])];
      const body = {
        id: incidentId,
        ref: incident!.ref,
        jurisdictionId: incident!.jurisdictionId,
        title: submission.title,
        status: updated!.status,
        version,
        kind,
        drill: incident!.drill,
        changes,
        ...assessmentView(assessment),
        notifications: created.map((n) => ({ id: n.id, unitId: n.unitId, unitName: unitNames.get(n.unitId) ?? n.unitName, role: n.role, state: n.state, ackDueAt: n.ackDueAt })),
      };
      events.unshift({
        type: closing ? 'incident.closed' : 'incident.updated',
        jurisdictionId: incident!.jurisdictionId,
        incidentId,
        audienceUnits: audience,
        actorId: actor.id,
        data: {
          incidentId,
          version,
          kind,
          severity: assessment.classification.severity,
          status: updated!.status,
          title: submission.title,
          casualties: facts.casualties,
          changes,
          filedBy: actor.displayName,
          ...(closing ? { closeOverride: closeOverride ?? null, openAtClose } : {}),
        },
      });
      events.push(
        ...(await upstreamEvents(tx, incidentId, actor.id, { version, kind, severity: assessment.classification.severity, casualties: facts.casualties, title: submission.title, status: updated!.status })),
      );
      await appendEvents(tx, now, events);
      return { status: 201, body };
    }),
  );
}
