/**
 * Everything that waits for the unit, in one list by deadline (the "one list"): accident
 * notifications to acknowledge, joint response tasks still open, the joint meeting's requests
 * (meeting replies, minutes to agree, agreed items, campaign tasks, the annual submission) and
 * bulletins not yet read (no deadline: last, newest first). Each entry says where it is acted on. Pure.
 */
import type { BulletinListItem } from '../../../src/contract/bulletins.js';

export type WaitingView = 'inbox' | 'tasks' | 'info';

export interface WaitingEntry {
  key: string;
  label: string;
  title: string;
  /** Null: no deadline (a bulletin to read). */
  dueAt: string | null;
  view: WaitingView;
  /** The element to bring into view there (`[data-…]` selector), when there is one. */
  anchor: string | null;
}

interface Inputs {
  notifications: { id: string; state: string; ackDueAt: string; incident: { title: string; status?: string } }[];
  tasks: { id: string; title: string; dueAt: string; open: boolean }[];
  standing: { id: string; kind: string; title: string; dueAt: string }[];
  bulletins: BulletinListItem[];
  unitId: string | null;
}

const STANDING_LABEL: Record<string, string> = { meeting_reply: '会议回执', minutes_consent: '纪要会签', agreed_item: '议定事项', proposal_consent: '征求意见', annual_submission: '年度报送', campaign_task: '联合行动' };

export function unitWaitingList(i: Inputs): WaitingEntry[] {
  const dated: WaitingEntry[] = [
    ...i.notifications
      .filter((n) => n.state === 'pending' && n.incident.status !== 'closed')
      .map((n) => ({ key: `n-${n.id}`, label: '事故通知待签收', title: n.incident.title, dueAt: n.ackDueAt, view: 'inbox' as const, anchor: `[data-notification-id="${n.id}"]` })),
    ...i.tasks.filter((t) => t.open).map((t) => ({ key: `t-${t.id}`, label: '处置任务', title: t.title, dueAt: t.dueAt, view: 'tasks' as const, anchor: `[data-task-id="${t.id}"]` })),
    ...i.standing.map((s) => ({ key: `s-${s.id}`, label: STANDING_LABEL[s.kind] ?? '联席会议待办', title: s.title, dueAt: s.dueAt, view: 'inbox' as const, anchor: `[data-standing-id="${s.id}"]` })),
  ].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const unread = i.bulletins
    .filter((b) => b.state === 'published' && !b.readAt && !!i.unitId && b.unitIds.includes(i.unitId))
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    .map((b) => ({ key: `b-${b.id}`, label: '简报待阅', title: b.title, dueAt: null, view: 'info' as const, anchor: `[data-bulletin-id="${b.id}"]` }));
  return [...dated, ...unread];
}
