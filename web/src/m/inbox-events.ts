/**
 * What the phone makes of the events it receives: the inbox cards, the unit's own reports and the
 * words said about them, a new task, the 简报与报送 view to read again. Events are read as the unit
 * views of the catalogue (src/contract/events.ts), so a view that drops a field read here fails
 * `tsc`. Pure, so it is tested without a browser.
 */
import type { UnitCataloguedEvent } from '../../../src/contract/events.js';
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import type { EventEnvelope } from '../lib/realtime.js';
import type { Item } from './InboxCard.js';

/**
 * The stream's events as a member unit receives them: the server sends a unit nothing but its
 * unit views (`viewEventFor`), so this is the one place they are read as such.
 */
export const unitEvents = (events: EventEnvelope[]): UnitCataloguedEvent[] => events as unknown as UnitCataloguedEvent[];

/** Folds events into the inbox cards: new notifications first, changes in place, superseded ones gone. */
export function applyInboxEvents(current: Item[], events: UnitCataloguedEvent[]): Item[] {
  let next = current;
  for (const e of events) {
    switch (e.type) {
      case 'notification.created': {
        const { notification, incident, revision } = e.data;
        next = [{ ...notification, incident, revision }, ...next.filter((x) => x.id !== notification.id)];
        break;
      }
      case 'notification.acknowledged':
      case 'notification.declined':
      case 'notification.decline_resolved': {
        const { notification } = e.data;
        next = next.map((x) => (x.id === notification.id ? { ...x, ...notification, incident: x.incident } : x));
        break;
      }
      case 'incident.updated':
      case 'incident.closed': {
        // A 续报 that asks for no new acknowledgement, or the 终报 that closes: the cards say so at once.
        const d = e.data;
        next = next.map((x) =>
          x.incidentId === d.incidentId ? { ...x, incident: { ...x.incident, status: d.status, title: d.title, severity: d.severity, casualties: d.casualties } } : x,
        );
        break;
      }
      case 'notification.superseded':
      case 'notification.withdrawn': {
        const { notificationId } = e.data;
        next = next.filter((x) => x.id !== notificationId);
        break;
      }
      case 'notification.escalated': {
        const { notificationId, text } = e.data;
        next = next.map((x) => (x.id === notificationId ? { ...x, escalated: text } : x));
        break;
      }
    }
  }
  return next;
}

/** The unit's own reports the events carry, and what to say of the commission's last answer (null: nothing new). */
export function unitReportNews(events: UnitCataloguedEvent[]): { reports: UnitReportView[]; notice: string | null } {
  const reports: UnitReportView[] = [];
  let notice: string | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'unit_report.filed':
        reports.push(e.data.unitReport);
        break;
      case 'unit_report.confirmed': {
        const r = e.data.unitReport;
        reports.push(r);
        notice = `您报告的“${r.title}”已确认为事故，事故编号 ${r.incidentRef ?? ''}`;
        break;
      }
      case 'unit_report.rejected': {
        const r = e.data.unitReport;
        reports.push(r);
        notice = `您报告的“${r.title}”不予确认：${r.rejectReason ?? ''}`;
        break;
      }
    }
  }
  return { reports, notice };
}

/** What to say of the last task given to this unit (null: none), since the task list may be out of sight. */
export function newTaskNotice(events: UnitCataloguedEvent[], unitId: string | null): string | null {
  let title: string | undefined;
  for (const e of events) if (e.type === 'task.created' && e.data.task.unitId === unitId) title = e.data.task.title;
  return title ? `收到新任务：${title}` : null;
}

/** Whether a bulletin or the annual round reached the unit, so the 简报与报送 view reads again. */
export const changesInfo = (events: UnitCataloguedEvent[]): boolean =>
  events.some((e) => e.type === 'bulletin.published' || e.type === 'annual_submission.opened' || e.type === 'annual_submission.filed');
