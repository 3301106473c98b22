/**
 * Timeline lines for the joint response's events (上报, 任务, 退回处理, 逐级上报); everything else
 * is described by the notification timeline's own `describeEvent`.
 */
import { labelOf, OBLIGATION_METHOD_LABELS, REPORT_KIND_LABELS, ROLE_LABELS } from '../../../src/contract/labels.js';
import { describeEvent, type EventLine } from '../lib/describe-event.js';
import type { IncidentEntry } from '../lib/incident-state.js';
import type { EventEnvelope } from '../lib/realtime.js';
import { formatShort, formatTime } from '../lib/time.js';

export function describeTimelineEvent(e: EventEnvelope, entry?: IncidentEntry): EventLine {
  const d = e.data as Record<string, any>;
  const by = (name?: string | null) => (name ? `（${name}）` : '');
  switch (e.type) {
    case 'obligation.created':
      return { icon: '◷', tone: 'info', text: `上报义务：向${d.obligation?.recipient?.name ?? ''}报告，${d.obligation?.deadlineText ?? ''}，截止 ${formatShort(d.obligation?.dueAt)}` };
    case 'obligation.submitted': {
      const o = d.obligation ?? {};
      const s = o.submission ?? {};
      return {
        icon: '⇪',
        tone: s.onTime === false ? 'warn' : 'good',
        text: `已向${o.recipient?.name ?? ''}上报（${labelOf(OBLIGATION_METHOD_LABELS, s.method)}${s.reference ? ` ${s.reference}` : ''}，${formatTime(s.at)}）${s.onTime === false ? `，逾期${s.lateByMinutes}分钟` : ''}${by(s.byName)}`,
      };
    }
    case 'obligation.superseded':
      return { icon: '↻', tone: 'info', text: `续报变更等级：向${d.obligation?.recipient?.name ?? ''}的原上报义务（${d.obligation?.deadlineText ?? ''}）已被新等级的义务取代` };
    case 'obligation.reinstated':
      return { icon: '↺', tone: 'warn', text: `续报恢复等级：向${d.obligation?.recipient?.name ?? ''}的上报义务（${d.obligation?.deadlineText ?? ''}）重新生效，截止 ${formatShort(d.obligation?.dueAt)}` };
    case 'obligation.overdue':
      return { icon: '!', tone: 'bad', text: `向${d.obligation?.recipient?.name ?? ''}上报已逾期（${d.obligation?.deadlineText ?? ''}）` };
    case 'task.created': {
      const t = d.task ?? {};
      return { icon: '☐', tone: 'info', text: `布置任务：${t.unitName ?? ''}（${labelOf(ROLE_LABELS, t.role)}）「${t.title ?? ''}」，${formatShort(t.dueAt)} 前办结${by(d.by)}` };
    }
    case 'task.updated': {
      const t = d.task ?? {};
      const tone = d.action === 'block' ? 'bad' : d.action === 'complete' ? 'good' : 'info';
      const icon = d.action === 'block' ? '⚠' : d.action === 'complete' ? '✓' : '☐';
      return { icon, tone, text: `任务「${t.title ?? ''}」${t.unitName ?? ''}${d.actionName ?? d.action ?? '更新'}${d.note ? `：${d.note}` : ''}${by(d.by)}` };
    }
    case 'task.escalated':
      return { icon: '⇧', tone: 'warn', text: `${d.unitName ?? ''}「${d.title ?? ''}」：${d.text ?? '任务逾期'}` };
    case 'notification.decline_resolved': {
      const n = d.notification ?? {};
      const to = d.reassignedTo?.unitName;
      return { icon: '✓', tone: 'good', text: `${n.unitName ?? '某单位'}的退回已处理：${d.action === 'reassign' ? `改派${to ?? '其他单位'}` : '确认退回'}，${d.reason ?? ''}${by(d.by)}` };
    }
    case 'incident.forwarded':
      return { icon: '⇧', tone: 'good', text: `已逐级上报，上级事故编号 ${d.upstreamRef ?? ''}` };
    case 'incident.source_updated':
      return { icon: '⇡', tone: 'info', text: `下级${labelOf(REPORT_KIND_LABELS, d.kind)} 第${d.version ?? ''}版：${d.title ?? ''}` };
    default:
      return describeEvent(e, entry);
  }
}
