/** The joint meeting's standing work, pure: the request state machine, who may act, when minutes are agreed, the gentlest ladder. */
import { describe, expect, it } from 'vitest';
import { gentlestSeverity } from '../../src/domain/escalation.js';
import { attendingUnits, checkDraftItems, consentComplete, itemTimeliness, meetingTimeProblems, minutesMay, planMeetingChange, proposalSettlement, replyClosedReason } from '../../src/domain/standing/meetings.js';
import { planStandingAction, isChased, repeatsStandingAnswer } from '../../src/domain/standing/requests.js';
import { mayAnswerStandingRequest, mayRunJointMeeting, mayViewStandingWork } from '../../src/domain/policy/index.js';

const commander = { role: 'commander' as const, jurisdictionId: 'xinyang', unitId: null };
const duty = { role: 'duty_officer' as const, jurisdictionId: 'xinyang', unitId: null };
const admin = { role: 'admin' as const, jurisdictionId: null, unitId: null };
const liaison = { role: 'liaison' as const, jurisdictionId: 'xinyang', unitId: 'xy_zgh' };
const head = { role: 'unit_head' as const, jurisdictionId: 'xinyang', unitId: 'xy_zgh' };

describe('a standing request', () => {
  it('a meeting reply is answered, and may be answered again (another deputy) until withdrawn', () => {
    expect(planStandingAction({ kind: 'meeting_reply', state: 'pending' }, 'reply')).toEqual({ ok: true, state: 'answered', stopsChase: true });
    expect(planStandingAction({ kind: 'meeting_reply', state: 'answered' }, 'reply')).toMatchObject({ ok: true, state: 'answered' });
    expect(planStandingAction({ kind: 'meeting_reply', state: 'withdrawn' }, 'reply')).toMatchObject({ ok: false, reason: 'final' });
  });

  it('a consent is given once per minutes version: agree or ask for a change', () => {
    expect(planStandingAction({ kind: 'minutes_consent', state: 'pending' }, 'agree')).toMatchObject({ ok: true, state: 'agreed' });
    expect(planStandingAction({ kind: 'minutes_consent', state: 'pending' }, 'request_change')).toMatchObject({ ok: true, state: 'change_requested' });
    expect(planStandingAction({ kind: 'minutes_consent', state: 'agreed' }, 'request_change')).toMatchObject({ ok: false, reason: 'final' });
    expect(planStandingAction({ kind: 'minutes_consent', state: 'superseded' }, 'agree')).toMatchObject({ ok: false });
  });

  it('an agreed item takes progress without stopping the chase, and completion stops it', () => {
    expect(planStandingAction({ kind: 'agreed_item', state: 'pending' }, 'progress')).toEqual({ ok: true, state: 'pending', stopsChase: false });
    expect(planStandingAction({ kind: 'agreed_item', state: 'pending' }, 'complete')).toEqual({ ok: true, state: 'done', stopsChase: true });
    expect(planStandingAction({ kind: 'agreed_item', state: 'done' }, 'progress')).toMatchObject({ ok: false });
  });

  it('refuses an answer of another kind', () => {
    expect(planStandingAction({ kind: 'agreed_item', state: 'pending' }, 'agree')).toMatchObject({ ok: false, reason: 'not_for_kind' });
    expect(planStandingAction({ kind: 'meeting_reply', state: 'pending' }, 'complete')).toMatchObject({ ok: false, reason: 'not_for_kind' });
  });

  it('only a pending request is chased', () => {
    expect(isChased('pending')).toBe(true);
    for (const s of ['answered', 'agreed', 'change_requested', 'done', 'withdrawn', 'superseded'] as const) expect(isChased(s)).toBe(false);
  });
});

describe('who may', () => {
  it('the office (a commander, the system administrator) convenes and drafts; a duty officer, a unit, another jurisdiction do not', () => {
    expect(mayRunJointMeeting(commander, 'xinyang')).toBe(true);
    expect(mayRunJointMeeting(admin, 'xinyang')).toBe(true);
    expect(mayRunJointMeeting(duty, 'xinyang')).toBe(false);
    expect(mayRunJointMeeting(liaison, 'xinyang')).toBe(false);
    expect(mayRunJointMeeting(commander, 'anji')).toBe(false);
    expect(mayRunJointMeeting({ ...commander, scopes: ['incidents:read'] }, 'xinyang')).toBe(false);
  });

  it('the commission sees every meeting of its jurisdiction; a unit only what it was sent', () => {
    expect(mayViewStandingWork(duty, 'xinyang', false)).toBe(true);
    expect(mayViewStandingWork(duty, 'anji', false)).toBe(false);
    expect(mayViewStandingWork(liaison, 'xinyang', true)).toBe(true);
    expect(mayViewStandingWork(liaison, 'xinyang', false)).toBe(false);
  });

  it('a liaison or head answers for their own unit only', () => {
    expect(mayAnswerStandingRequest(liaison, { unitId: 'xy_zgh' })).toBe(true);
    expect(mayAnswerStandingRequest(head, { unitId: 'xy_zgh' })).toBe(true);
    expect(mayAnswerStandingRequest(liaison, { unitId: 'xy_rsj' })).toBe(false);
    expect(mayAnswerStandingRequest(commander, { unitId: 'xy_zgh' })).toBe(false);
  });
});

describe('meetings and minutes', () => {
  it('the attending units are those whose member or deputy comes', () => {
    const replies = [
      { unitId: 'a', state: 'answered' as const, answer: { attendance: 'member' as const } },
      { unitId: 'b', state: 'answered' as const, answer: { attendance: 'deputy' as const } },
      { unitId: 'c', state: 'pending' as const, answer: null },
      { unitId: 'd', state: 'withdrawn' as const, answer: { attendance: 'member' as const } },
    ];
    expect(attendingUnits(replies)).toEqual(['a', 'b']);
  });

  it('minutes are agreed once every attending unit asked has agreed — not before, and not with nobody asked', () => {
    expect(consentComplete([])).toBe(false);
    expect(consentComplete([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'pending' }])).toBe(false);
    expect(consentComplete([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'change_requested' }])).toBe(false);
    expect(consentComplete([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'agreed' }, { unitId: 'c', state: 'superseded' }])).toBe(true);
  });

  it('a version is revised while out for consent and issued only once agreed', () => {
    expect(minutesMay('consulting', 'revise')).toBe(true);
    expect(minutesMay('consulting', 'issue')).toBe(false);
    expect(minutesMay('agreed', 'issue')).toBe(true);
    expect(minutesMay('issued', 'revise')).toBe(false);
    expect(minutesMay('superseded', 'consent')).toBe(false);
  });

  it('agreed items name member units, a lead that is not a supporter, a due date after the meeting', () => {
    const units = new Set(['a', 'b']);
    const meeting = new Date('2026-12-01T02:00:00Z');
    const now = new Date('2026-11-30T02:00:00Z');
    expect(checkDraftItems([{ title: 't', leadUnitId: 'a', supportUnitIds: ['b'], dueAt: '2026-12-31T00:00:00Z' }], units, meeting, now)).toEqual([]);
    expect(checkDraftItems([{ title: 't', leadUnitId: 'z', supportUnitIds: ['a', 'z'], dueAt: '2026-11-30T00:00:00Z' }], units, meeting, now).map((p) => p.field)).toEqual([
      'items.0.leadUnitId',
      'items.0.supportUnitIds.1',
      'items.0.dueAt',
    ]);
    expect(checkDraftItems([{ title: 't', leadUnitId: 'a', supportUnitIds: ['a'], dueAt: '2026-12-31T00:00:00Z' }], units, meeting, now)[0]!.field).toBe('items.0.supportUnitIds.0');
  });

  it('an agreed item names each supporting unit once', () => {
    const units = new Set(['a', 'b', 'c']);
    const meeting = new Date('2026-12-01T02:00:00Z');
    const problems = checkDraftItems([{ title: 't', leadUnitId: 'a', supportUnitIds: ['b', 'c', 'b'], dueAt: '2026-12-31T00:00:00Z' }], units, meeting, meeting);
    expect(problems.map((p) => p.field)).toEqual(['items.0.supportUnitIds.2']);
  });

  it('an agreed item is due after now as well as after the meeting, and within the horizon', () => {
    const units = new Set(['a']);
    const meeting = new Date('2026-12-01T02:00:00Z');
    // Minutes drafted a week after the meeting: a date between the meeting and now has passed.
    const now = new Date('2026-12-08T02:00:00Z');
    const item = (dueAt: string) => checkDraftItems([{ title: 't', leadUnitId: 'a', supportUnitIds: [], dueAt }], units, meeting, now);
    expect(item('2026-12-05T00:00:00Z')).toMatchObject([{ field: 'items.0.dueAt', message: expect.stringContaining('当前时间') }]);
    expect(item('2027-12-09T02:00:00Z')).toEqual([]);
    expect(item('2027-12-09T02:00:01Z')).toMatchObject([{ field: 'items.0.dueAt', message: expect.stringContaining('366') }]);
  });

  it('a meeting and its reply deadline lie ahead, within the horizon, when convened or moved', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
    expect(meetingTimeProblems({ startsAt: days(3), replyDueAt: days(1) }, now)).toEqual([]);
    expect(meetingTimeProblems({ startsAt: days(400), replyDueAt: days(367) }, now).map((p) => p.field)).toEqual(['startsAt', 'replyDueAt']);
    expect(meetingTimeProblems({ startsAt: days(3), replyDueAt: days(-1) }, now).map((p) => p.field)).toEqual(['replyDueAt']);
    const m = { cancelled: false, held: false, startsAt: days(3), place: '会议室', replyDueAt: days(1) };
    expect(planMeetingChange(m, { startsAt: days(400) }, now)).toMatchObject({ ok: false, problems: [{ field: 'startsAt' }] });
    expect(planMeetingChange(m, { startsAt: days(400), replyDueAt: days(399) }, now)).toMatchObject({ ok: false, problems: [{ field: 'startsAt' }, { field: 'replyDueAt' }] });
    expect(planMeetingChange(m, { startsAt: days(300) }, now)).toMatchObject({ ok: true, changed: ['startsAt'] });
  });

  it('a reply is closed by a cancellation (said first) or by drafted minutes', () => {
    expect(replyClosedReason({ cancelled: false, held: false })).toBeNull();
    expect(replyClosedReason({ cancelled: true, held: false })).toContain('会议已取消');
    expect(replyClosedReason({ cancelled: false, held: true })).toContain('会议纪要已起草');
  });

  it("an item's report against its date", () => {
    const due = new Date('2026-12-31T00:00:00Z');
    expect(itemTimeliness(due, new Date('2026-12-30T00:00:00Z'), due)).toBe('on_time');
    expect(itemTimeliness(due, new Date('2027-01-02T00:00:00Z'), due)).toBe('late');
    expect(itemTimeliness(due, null, new Date('2026-12-01T00:00:00Z'))).toBe('open');
    expect(itemTimeliness(due, null, new Date('2027-01-01T00:00:00Z'))).toBe('overdue');
  });
});

describe('a proposal (征求意见)', () => {
  it('a unit concerned agrees or objects, once', () => {
    expect(planStandingAction({ kind: 'proposal_consent', state: 'pending' }, 'object')).toMatchObject({ ok: true, state: 'objected' });
    expect(planStandingAction({ kind: 'proposal_consent', state: 'pending' }, 'agree')).toMatchObject({ ok: true, state: 'agreed' });
    expect(planStandingAction({ kind: 'proposal_consent', state: 'objected' }, 'agree')).toMatchObject({ ok: false, reason: 'final' });
    expect(planStandingAction({ kind: 'proposal_consent', state: 'pending' }, 'request_change')).toMatchObject({ ok: false, reason: 'not_for_kind' });
  });

  it('is settled once every unit answered: agreed if all agreed, disagreed if any objected', () => {
    expect(proposalSettlement([])).toBeNull();
    expect(proposalSettlement([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'pending' }])).toBeNull();
    expect(proposalSettlement([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'agreed' }])).toBe('agreed');
    expect(proposalSettlement([{ unitId: 'a', state: 'agreed' }, { unitId: 'b', state: 'objected' }])).toBe('disagreed');
  });
});

describe('the gentlest ladder', () => {
  it('is the severity with the latest commander step (then unit head step)', () => {
    expect(gentlestSeverity({ unitHead: { general: 15, major: 10, extraordinary: 5 }, commander: { general: 30, major: 20, extraordinary: 10 } })).toBe('general');
    expect(gentlestSeverity({ unitHead: { general: 5, major: 10, extraordinary: 5 }, commander: { general: 20, major: 40, extraordinary: 10 } })).toBe('major');
  });
});

describe('an answer sent again', () => {
  const answered = { kind: 'meeting_reply' as const, state: 'answered' as const, answer: { attendance: 'member', attendeeName: '张主席' } };
  it('unchanged is a repeat, whatever the order of its fields or an absent reason', () => {
    expect(repeatsStandingAnswer(answered, 'reply', { attendeeName: '张主席', attendance: 'member' })).toBe(true);
    expect(repeatsStandingAnswer(answered, 'reply', { attendance: 'member', attendeeName: '张主席', reason: undefined })).toBe(true);
    const agreed = { kind: 'minutes_consent' as const, state: 'agreed' as const, answer: { decision: 'agree' } };
    expect(repeatsStandingAnswer(agreed, 'agree', { decision: 'agree' })).toBe(true);
    const done = { kind: 'campaign_task' as const, state: 'done' as const, answer: { note: '完成', done: true, attachments: [{ id: 'a', fileName: 'x.pdf' }] } };
    expect(repeatsStandingAnswer(done, 'complete', { done: true, note: '完成', attachments: [{ fileName: 'x.pdf', id: 'a' }] })).toBe(true);
  });
  it('changed, another decision, first sent, or a progress report, is not', () => {
    expect(repeatsStandingAnswer(answered, 'reply', { attendance: 'deputy', attendeeName: '李副局长', reason: '出差' })).toBe(false);
    expect(repeatsStandingAnswer({ ...answered, state: 'pending', answer: null }, 'reply', answered.answer)).toBe(false);
    const agreed = { kind: 'minutes_consent' as const, state: 'agreed' as const, answer: { decision: 'agree' } };
    expect(repeatsStandingAnswer(agreed, 'request_change', { decision: 'request_change', reason: '第二条需修改' })).toBe(false);
    const reported = { kind: 'agreed_item' as const, state: 'pending' as const, answer: { note: '进展', done: false } };
    expect(repeatsStandingAnswer(reported, 'progress', { note: '进展', done: false })).toBe(false);
  });
});
