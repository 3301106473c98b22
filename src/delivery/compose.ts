/**
 * Renders a notification (or a task reminder) into what each channel carries: a short SMS text
 * with the one-tap link, markdown for group robots, and the Web Push payload. An exercise says
 * 【演练】 first in every one of them. Pure.
 */
import { localTime } from '../domain/local-time.js';
import type { Severity, StandingRequestKind, UnitRole } from '../domain/enums.js';
import type { OutboundMessage } from './channel.js';

const SEVERITY: Record<Severity, string> = { general: '一般', major: '重大', extraordinary: '特大' };
const ROLE: Record<UnitRole, string> = { lead: '牵头', support: '配合', inform: '知悉' };

export interface ComposeInput {
  deliveryId: string;
  round: number;
  incident: { id: string; ref: string; title: string; severity: Severity; place: { address: string }; casualties: { acuteCases: number; deaths: number }; drill?: boolean };
  notification: { id: string; unitName: string; role: UnitRole; basis: string; ackDueAt: Date };
  /** The person's own one-tap link; a group robot's message carries the unit link instead (label UNIT_LINK_LABEL). */
  links: { label: string; url: string }[];
  /** The jurisdiction's offset, to show deadlines in local time. */
  utcOffset: string;
}

function prefix(round: number): string {
  return round === 1 ? '【催办】' : round >= 2 ? '【督办·负责人】' : '【联防】';
}

/** 演练: every message of an exercise says so before anything else. */
export const DRILL_MARK = '【演练】';
const drillMark = (drill: boolean | undefined) => (drill ? DRILL_MARK : '');

/** The label of the unit link a group message carries: it asks who is acknowledging. */
export const UNIT_LINK_LABEL = '本单位签收';

const linkLine = (l: { label: string; url: string }) =>
  l.label === UNIT_LINK_LABEL ? `- [签收（核实签收人身份）](${l.url})` : `- [${l.label} 一键签收](${l.url})`;

export function composeMessage(input: ComposeInput): OutboundMessage {
  const { incident, notification: n } = input;
  const due = localTime(n.ackDueAt, input.utcOffset);
  const title = `${drillMark(incident.drill)}${prefix(input.round)}${SEVERITY[incident.severity]}职业病危害事故：${incident.title}`;
  const casualties = `急性病例${incident.casualties.acuteCases}人，死亡${incident.casualties.deaths}人`;
  const headline =
    input.round >= 2
      ? `贵单位联络员逾期未签收。${n.unitName}为${ROLE[n.role]}单位，请立即安排签收。`
      : `${n.unitName}为${ROLE[n.role]}单位，请于${due}前签收。`;
  const firstLink = input.links[0]?.url ?? '';
  const shortText = `${title}（${incident.ref}），${casualties}。${headline}${firstLink ? ` 签收：${firstLink}` : ''}`;
  const markdown = [
    `### ${title}`,
    `- 编号：${incident.ref}`,
    `- 地点：${incident.place.address}`,
    `- 伤亡：${casualties}`,
    `- 本单位：${n.unitName}（${ROLE[n.role]}），签收时限 ${due}`,
    `- 依据：${n.basis}`,
    '',
    headline,
    ...input.links.map(linkLine),
  ].join('\n');
  return {
    deliveryId: input.deliveryId,
    title,
    shortText,
    markdown,
    links: input.links,
    templateParams: {
      ref: incident.ref,
      severity: SEVERITY[incident.severity],
      unit: n.unitName,
      role: ROLE[n.role],
      due,
      link: firstLink,
    },
    pushPayload: {
      title,
      body: `${casualties}。${headline}`,
      notificationId: n.id,
      incidentId: incident.id,
      round: input.round,
      acknowledgeUrl: firstLink,
      tag: `ntf-${n.id}`,
    },
  };
}

export interface ComposeTaskInput {
  deliveryId: string;
  /** 0: the task is new; 1: overdue, to every liaison; 2: overdue, to the unit head. */
  round: number;
  incident: { id: string; ref: string; title: string; drill?: boolean };
  task: { id: string; unitName: string; role: UnitRole; title: string; description: string; dueAt: Date };
  /** Where the unit opens its tasks (the web app). */
  url: string;
  utcOffset: string;
}

/** A joint response task (联合处置): its assignment, then the reminders of the overdue ladder. */
export function composeTaskMessage(input: ComposeTaskInput): OutboundMessage {
  const { incident, task: t } = input;
  const due = localTime(t.dueAt, input.utcOffset);
  const kind = input.round === 0 ? '【联合处置任务】' : input.round === 1 ? '【任务催办】' : '【任务督办·负责人】';
  const title = `${drillMark(incident.drill)}${kind}${t.title}`;
  const headline =
    input.round === 0
      ? `${t.unitName}为${ROLE[t.role]}单位，请于${due}前办结并反馈。`
      : `${t.unitName}的任务已逾期（时限${due}），请立即办理并反馈进展。`;
  const shortText = `${title}（${incident.ref}：${incident.title}）。${headline} 查看：${input.url}`;
  const markdown = [`### ${title}`, `- 事故：${incident.ref} ${incident.title}`, `- 本单位：${t.unitName}（${ROLE[t.role]}），时限 ${due}`, `- 任务：${t.description}`, '', headline, `- [查看任务](${input.url})`].join('\n');
  return {
    deliveryId: input.deliveryId,
    title,
    shortText,
    markdown,
    links: [{ label: '查看任务', url: input.url }],
    templateParams: { ref: incident.ref, unit: t.unitName, role: ROLE[t.role], due, task: t.title, link: input.url },
    pushPayload: { title, body: headline, taskId: t.id, incidentId: incident.id, round: input.round, url: input.url, tag: `tsk-${t.id}` },
  };
}

export interface ComposeStandingInput {
  deliveryId: string;
  /** 0: newly asked; 1: overdue, to every liaison; 2: overdue, to the unit head. */
  round: number;
  request: { id: string; kind: StandingRequestKind; unitName: string; title: string; dueAt: Date };
  /** A change the unit is told of (the meeting moved, called off) instead of the request itself. */
  notice?: string | null;
  /** Where the unit answers it (its phone page, opened at the request). */
  url: string;
  utcOffset: string;
}

const STANDING_WORD: Record<StandingRequestKind, string> = {
  meeting_reply: '会议通知',
  minutes_consent: '会议纪要征求意见',
  agreed_item: '议定事项',
  proposal_consent: '征求意见',
  annual_submission: '年度报送',
  campaign_task: '联合行动任务',
};

/** 联席会议常设工作 (a meeting reply, minutes to agree, an agreed item…): asked, then chased. */
export function composeStandingMessage(input: ComposeStandingInput): OutboundMessage {
  const { request: r } = input;
  const due = localTime(r.dueAt, input.utcOffset);
  const word = STANDING_WORD[r.kind];
  const kind = input.notice ? '【联席会议·变更通知】' : input.round === 0 ? `【联席会议·${word}】` : input.round === 1 ? `【${word}催办】` : `【${word}督办·负责人】`;
  const title = `${kind}${r.title}`;
  const headline = input.notice ? input.notice : input.round === 0 ? `请${r.unitName}于${due}前办理并反馈。` : `${r.unitName}逾期未办理（时限${due}），请立即办理。`;
  return {
    deliveryId: input.deliveryId,
    title,
    shortText: `${title}。${headline} ${input.notice ? '查看' : '办理'}：${input.url}`,
    markdown: [`### ${title}`, `- 单位：${r.unitName}，时限 ${due}`, '', headline, `- [办理](${input.url})`].join('\n'),
    links: [{ label: '办理', url: input.url }],
    templateParams: { ref: word, unit: r.unitName, due, task: r.title, link: input.url },
    pushPayload: { title, body: headline, standingRequestId: r.id, round: input.round, url: input.url, tag: `srq-${r.id}` },
  };
}
