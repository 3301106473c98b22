/** One line of the timeline per event, in Chinese; unknown types are shown generically. */
import {
  CHANNEL_LABELS,
  labelOf,
  REPORT_KIND_LABELS,
  ROLE_LABELS,
  SEVERITY_LABELS,
} from '../../../src/contract/labels.js';
import type { IncidentEntry } from './incident-state.js';
import type { EventEnvelope } from './realtime.js';
import { formatTime } from './time.js';

export const ESCALATION_STEP_LABELS: Record<string, string> = {
  resend: '超时未签收，已向全部联络员重发',
  unit_head: '已通知单位负责人',
  commander: '已提请指挥长督办',
};

export type Tone = 'info' | 'good' | 'warn' | 'bad';

export interface EventLine {
  text: string;
  tone: Tone;
  icon: string;
}

export function describeEvent(e: EventEnvelope, entry?: IncidentEntry): EventLine {
  const d = e.data as Record<string, any>;
  const unitOf = (id?: string) => {
    const fromNotification = id && entry?.notifications[id];
    if (fromNotification) return fromNotification.unitName;
    const unitId = d.unitId as string | undefined;
    return (unitId && Object.values(entry?.notifications ?? {}).find((n) => n.unitId === unitId)?.unitName) || d.unitName || unitId || '某单位';
  };
  switch (e.type) {
    case 'delivery.failed':
      return { icon: '✕', tone: 'bad', text: `${d.unitName ?? unitOf()}：${labelOf(CHANNEL_LABELS, d.channel)}发送失败：${d.reason ?? ''}` };
    case 'incident.reported':
      return {
        icon: '⚑',
        tone: 'info',
        // A member unit's report the commission confirmed (信阳 三(四)2) says which unit reported it.
        text: d.incident?.fromUnitReport?.unitName
          ? `初报：${d.incident?.title ?? ''}（${labelOf(SEVERITY_LABELS, d.incident?.severity)}），${d.incident.fromUnitReport.unitName}报告，${d.incident?.filedBy ?? ''}确认`
          : `初报：${d.incident?.title ?? ''}（${labelOf(SEVERITY_LABELS, d.incident?.severity)}）${d.incident?.filedBy ? `，${d.incident.filedBy}报告` : ''}`,
      };
    case 'incident.updated':
      return { icon: '✎', tone: 'info', text: `${labelOf(REPORT_KIND_LABELS, d.kind)} 第${d.version}版：${labelOf(SEVERITY_LABELS, d.severity)}${d.filedBy ? `，${d.filedBy}` : ''}` };
    case 'incident.closed':
      return { icon: '■', tone: 'good', text: `终报 第${d.version}版，事故结案${d.filedBy ? `（${d.filedBy}）` : ''}` };
    case 'notification.created':
      return {
        icon: '→',
        tone: 'info',
        text: `通知 ${d.notification?.unitName ?? unitOf(d.notification?.id)}（${labelOf(ROLE_LABELS, d.notification?.role)}），${formatTime(d.notification?.ackDueAt)} 前签收`,
      };
    case 'notification.delivered':
      return { icon: '↓', tone: 'info', text: `${unitOf(d.notificationId)} 已送达（${labelOf(CHANNEL_LABELS, d.channel)}）` };
    case 'notification.read':
      return { icon: '◉', tone: 'info', text: `${unitOf(d.notificationId)} 已读` };
    case 'notification.acknowledged': {
      const n = d.notification ?? {};
      return {
        icon: '✓',
        tone: 'good',
        text: `${n.unitName ?? unitOf(n.id)} 已签收 — ${n.acknowledgedByName ?? ''}${n.acknowledgementNote ? `：「${n.acknowledgementNote}」` : ''}`,
      };
    }
    case 'notification.declined': {
      const n = d.notification ?? {};
      return { icon: '✕', tone: 'bad', text: `${n.unitName ?? unitOf(n.id)} 退回${n.declinedByName ? `（${n.declinedByName}）` : ''}：${n.declineReason ?? ''}` };
    }
    case 'notification.superseded':
      return { icon: '↺', tone: 'info', text: `${unitOf(d.notificationId)} 的通知由第${d.byVersion}版取代，需重新签收` };
    case 'notification.withdrawn':
      return { icon: '−', tone: 'info', text: `${unitOf(d.notificationId)} 不再涉及（第${d.byVersion}版撤回通知）` };
    case 'notification.escalated':
      return { icon: '⇧', tone: 'warn', text: `${unitOf(d.notificationId)}：${ESCALATION_STEP_LABELS[d.step] ?? d.text ?? d.step ?? '升级'}` };
    case 'alert.raised':
      return { icon: '!', tone: 'bad', text: `督办：${(d.alert ?? d).reason ?? ''}` };
    case 'alert.resolved': {
      const a = d.alert ?? d;
      return { icon: '✓', tone: 'good', text: `督办已处理${a.resolvedByName ? `（${a.resolvedByName}）` : ''}：${a.resolution ?? ''}` };
    }
    case 'attachment.added': {
      const a = d.attachment ?? {};
      return { icon: '▤', tone: 'info', text: `上传附件「${a.fileName ?? ''}」${a.uploadedByName ? `（${a.uploadedByName}）` : ''}` };
    }
    default:
      // An event this page does not know yet: never its code, only that something was recorded.
      return { icon: '·', tone: 'info', text: '记录更新' };
  }
}
