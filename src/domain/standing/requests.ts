/**
 * 联席会议常设工作: the state machine of a standing request — one member unit asked for one answer
 * by a deadline (a meeting reply, a consent to minutes, an agreed item's report). Pure: given the
 * request as it stands and what someone wants to do, it says what the request becomes, or why not.
 * Only a `pending` request is chased on the escalation ladder.
 */
import type { StandingRequestKind, StandingRequestState } from '../enums.js';

/** What a unit (answer) or the office (withdraw, supersede) does to a request. */
export type StandingAction = 'reply' | 'agree' | 'request_change' | 'object' | 'progress' | 'complete' | 'withdraw' | 'supersede';

/** The unit's own answers, per kind of request. */
export const UNIT_ACTIONS: Record<StandingRequestKind, readonly StandingAction[]> = {
  meeting_reply: ['reply'],
  minutes_consent: ['agree', 'request_change'],
  agreed_item: ['progress', 'complete'],
  proposal_consent: ['agree', 'object'],
  annual_submission: ['complete'],
  campaign_task: ['progress', 'complete'],
};

/** The states in which the unit has not answered yet: chased on the ladder. */
export const CHASED_STATES: readonly StandingRequestState[] = ['pending'];
/** The states no action can leave. */
const FINAL: readonly StandingRequestState[] = ['done', 'withdrawn', 'superseded', 'agreed', 'change_requested', 'objected'];

export type StandingPlan =
  | { ok: true; state: StandingRequestState; /** Whether the ladder stops (the answer is in). */ stopsChase: boolean }
  | { ok: false; reason: 'not_for_kind' | 'final'; message: string };

export interface RequestFacts {
  kind: StandingRequestKind;
  state: StandingRequestState;
}

/** The state an answer leaves the request in, where sending it again could only repeat it. */
const ANSWERED_STATE: Partial<Record<StandingAction, StandingRequestState>> = { reply: 'answered', agree: 'agreed', request_change: 'change_requested', object: 'objected', complete: 'done' };

/** JSON with object keys sorted and absent values dropped: two answers compare equal whatever their field order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * An answer the unit has already given, sent again (a retry after a lost answer, a second tap):
 * nothing is recorded twice and it is not refused as "already answered". A progress report is
 * never a repeat (two reports may say the same); its retries are told apart by Idempotency-Key.
 */
export function repeatsStandingAnswer(r: RequestFacts & { answer: unknown }, action: StandingAction, answer: Record<string, unknown>): boolean {
  const state = ANSWERED_STATE[action];
  return !!state && r.state === state && r.answer !== null && canonical(r.answer) === canonical(answer);
}

/** The request's next state after `action`, or why the action is not possible now. */
export function planStandingAction(r: RequestFacts, action: StandingAction): StandingPlan {
  if (action === 'withdraw' || action === 'supersede') {
    if (r.state === 'withdrawn' || r.state === 'superseded') return { ok: false, reason: 'final', message: '该事项已撤回或已被新版本取代 (no longer asked)' };
    return { ok: true, state: action === 'withdraw' ? 'withdrawn' : 'superseded', stopsChase: true };
  }
  if (!UNIT_ACTIONS[r.kind].includes(action)) return { ok: false, reason: 'not_for_kind', message: `此事项不能执行「${action}」 (not an answer to a ${r.kind})` };
  // A meeting reply may be changed until the office withdraws it (a unit names another deputy).
  if (r.kind === 'meeting_reply') {
    if (r.state !== 'pending' && r.state !== 'answered') return { ok: false, reason: 'final', message: '该会议回执已不再需要 (no longer asked)' };
    return { ok: true, state: 'answered', stopsChase: true };
  }
  if (FINAL.includes(r.state)) return { ok: false, reason: 'final', message: FINAL_TEXT[r.kind] };
  switch (action) {
    case 'agree':
      return { ok: true, state: 'agreed', stopsChase: true };
    case 'request_change':
      return { ok: true, state: 'change_requested', stopsChase: true };
    case 'object':
      return { ok: true, state: 'objected', stopsChase: true };
    case 'progress':
      // Progress is reported, but the item is not done: the deadline still stands.
      return { ok: true, state: 'pending', stopsChase: false };
    default:
      return { ok: true, state: 'done', stopsChase: true };
  }
}

const FINAL_TEXT: Record<StandingRequestKind, string> = {
  meeting_reply: '该会议回执已不再需要 (no longer asked)',
  minutes_consent: '本单位已就此版纪要表态，或该版本已被修订取代 (already answered or superseded)',
  agreed_item: '本单位的议定事项已办结或已撤回 (already done or withdrawn)',
  proposal_consent: '本单位已就此事项表态 (already answered)',
  annual_submission: '本单位已完成该年度报送 (already filed)',
  campaign_task: '本单位的专项任务已办结或已撤回 (already done or withdrawn)',
};

export function isChased(state: StandingRequestState): boolean {
  return CHASED_STATES.includes(state);
}
