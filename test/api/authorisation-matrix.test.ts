/**
 * The authorisation matrix: every route of the OpenAPI document, every route outside it (one-tap
 * links, health and readiness, metrics, docs, web pages) and every socket.io event the server handles, tried as every
 * role — anonymous, admin, 信阳's duty officer and commander, a liaison and a unit head of the
 * concerned unit and of another unit, 安吉's commission, 信阳's jurisdiction administrator and a
 * 信阳 service account by its API key — against one 信阳 incident. A route or
 * socket event without an entry in the expectation table fails the test, so a new door cannot be
 * added without saying who may open it.
 *
 * Allowed: anything but 401/403/404 (a 409 or 422 is the use case answering an entitled caller).
 * Denied: 401 (anonymous) or 403/404, and the event log does not move. Lists everyone may read are
 * checked for scope: the incident's id appears only in the answers of those entitled to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Role = 'anonymous' | 'admin' | 'duty' | 'commander' | 'liaisonU' | 'headU' | 'liaisonO' | 'headO' | 'commanderAnji' | 'dutyAnji' | 'jadmin' | 'service';
const ROLES: Role[] = ['anonymous', 'admin', 'duty', 'commander', 'liaisonU', 'headU', 'liaisonO', 'headO', 'commanderAnji', 'dutyAnji', 'jadmin', 'service'];
const AUTHENTICATED = ROLES.filter((r) => r !== 'anonymous');
/** People in a session; `service` is 信阳's service account by its API key (both scopes), refused outside them. */
const PEOPLE = AUTHENTICATED.filter((r) => r !== 'service');
/** The system administrator and 信阳's jurisdiction administrator (`jadmin`). */
const ADMINS_XY: Role[] = ['admin', 'jadmin'];
/** Who files in 信阳: its commission, and its service account with the filing scope. */
const FILERS_XY: Role[] = ['admin', 'duty', 'commander', 'service'];
const COMMISSION_XY: Role[] = ['admin', 'duty', 'commander'];
const COMMANDERS_XY: Role[] = ['admin', 'commander'];
const UNIT_U: Role[] = ['liaisonU', 'headU'];
const UNIT_MEMBERS: Role[] = ['liaisonU', 'headU', 'liaisonO', 'headO'];
const COMMISSIONS: Role[] = ['admin', 'duty', 'commander', 'commanderAnji', 'dutyAnji'];

interface Expectation {
  /** 503 is an answer, not a failure (readiness with the engine run by hand). */
  mayBeUnready?: boolean;
  /** Who may: everyone else is refused. 'public': no login needed. */
  allow: Role[] | 'public';
  /** Allowed to all these, but the incident must appear only for those entitled to it. */
  scopedTo?: Role[];
  body?: (f: Fixture) => unknown;
  /** A body sent as it is (e.g. a file), instead of JSON. */
  raw?: () => string;
  /** Appended to the path, e.g. `?fileName=…`. */
  query?: (f: Fixture) => string;
  headers?: () => Record<string, string>;
  /**
   * The route takes its own credential, not a session (e.g. /metrics): every role, session or
   * not, is refused with 401, and these headers open it.
   */
  credential?: () => Record<string, string>;
  /** Destructive: only the first allowed role runs it. */
  once?: boolean;
  /** The concrete path, when a variant reaches another item than the route's fixture. */
  at?: (f: Fixture) => string;
}

let key = 0;
const idempotency = () => ({ 'idempotency-key': `matrix-${Date.now()}-${key++}` });
const due = () => new Date(Date.now() + 3_600_000).toISOString();
const METRICS_TOKEN = 'matrix-metrics-token-0000000001';
/** Starts as a PDF, which is all the upload looks at; plain ASCII, so it survives a string body. */
const PDF = '%PDF-1.4\n% 授权矩阵\n%%EOF\n';
const pdfUpload = { raw: () => PDF, headers: () => ({ 'content-type': 'application/pdf' }) };
const rosterUpload = { raw: () => '单位名称,姓名,用户名,角色,手机号码,短信通道,在岗\r\n', headers: () => ({ 'content-type': 'text/csv' }) };

/** Every route of the OpenAPI document: who may use it. */
const API: Record<string, Expectation> = {
  'POST /api/v1/auth/login': { allow: 'public', body: () => ({ username: 'nobody', password: 'wrong-password' }) },
  'POST /api/v1/auth/logout': { allow: PEOPLE },
  'GET /api/v1/auth/me': { allow: AUTHENTICATED },
  // A wrong current password: entitled callers get 422 and nothing changes.
  'POST /api/v1/auth/password': { allow: PEOPLE, body: () => ({ currentPassword: 'not-the-password', newPassword: 'matrix-new-password' }) },
  'GET /api/v1/push/public-key': { allow: 'public' },
  'GET /api/v1/jurisdictions': { allow: AUTHENTICATED },
  'GET /api/v1/jurisdictions/{id}/units': { allow: AUTHENTICATED },
  'GET /api/v1/jurisdictions/{id}/phone-book': { allow: COMMISSION_XY },
  'GET /api/v1/client-settings': { allow: 'public' },
  'POST /api/v1/routing/preview': { allow: FILERS_XY, body: () => xinyangReport() },
  'GET /api/v1/incidents': { allow: AUTHENTICATED, scopedTo: [...COMMISSION_XY, ...UNIT_U, 'service'] },
  'POST /api/v1/incidents': { allow: FILERS_XY, body: () => xinyangReport({ title: '矩阵新报' }), headers: idempotency },
  'GET /api/v1/incidents/{id}': { allow: [...COMMISSION_XY, ...UNIT_U, 'service'] },
  'POST /api/v1/incidents/{id}/reports': { allow: FILERS_XY, body: () => followUp(), headers: idempotency },
  'GET /api/v1/incidents/{id}/events': { allow: [...COMMISSION_XY, ...UNIT_U, 'service'] },
  'GET /api/v1/incidents/{id}/account': { allow: COMMISSION_XY },
  'GET /api/v1/incidents/{id}/obligations': { allow: COMMISSION_XY },
  'POST /api/v1/incidents/{id}/obligations/{obligationId}/submit': { allow: COMMISSION_XY, body: () => ({ method: 'phone', reference: '市政府总值班室', covers: [] }) },
  // The commission adds files; whoever may see the incident may list and read them.
  'POST /api/v1/incidents/{id}/attachments': { allow: COMMISSION_XY, query: () => '?fileName=matrix.pdf', ...pdfUpload },
  'GET /api/v1/incidents/{id}/attachments': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'GET /api/v1/attachments/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'GET /api/v1/incidents/{id}/tasks': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/incidents/{id}/tasks': { allow: COMMANDERS_XY, body: (f) => ({ unitId: f.unitU, role: 'lead', title: '矩阵任务', description: '矩阵', dueAt: due() }) },
  'GET /api/v1/incidents/{id}/task-suggestions': { allow: COMMISSION_XY },
  'GET /api/v1/tasks': { allow: PEOPLE, scopedTo: [...COMMISSION_XY, ...UNIT_U] },
  'GET /api/v1/tasks/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/tasks/{id}/accept': { allow: UNIT_U, body: () => ({}) },
  'POST /api/v1/tasks/{id}/progress': { allow: UNIT_U, body: () => ({ note: '进展' }) },
  'POST /api/v1/tasks/{id}/block': { allow: UNIT_U, body: () => ({ reason: '受阻' }) },
  'POST /api/v1/tasks/{id}/done': { allow: UNIT_U, body: () => ({}) },
  'POST /api/v1/tasks/{id}/reassign': { allow: COMMANDERS_XY, body: (f) => ({ unitId: f.unitO, reason: '改派' }) },
  'POST /api/v1/tasks/{id}/close': { allow: COMMANDERS_XY, body: () => ({ reason: '关闭' }) },
  'GET /api/v1/inbox': { allow: UNIT_MEMBERS, scopedTo: UNIT_U },
  'POST /api/v1/notifications/{id}/acknowledge': { allow: UNIT_U, body: () => ({}) },
  'POST /api/v1/notifications/{id}/decline': { allow: UNIT_U, body: () => ({ reason: '不属于本单位' }) },
  'POST /api/v1/notifications/{id}/read': { allow: UNIT_U, body: () => ({}) },
  'POST /api/v1/notifications/{id}/resolve-decline': { allow: COMMANDERS_XY, body: () => ({ action: 'confirm', reason: '确认' }) },
  'GET /api/v1/alerts': { allow: COMMISSIONS, scopedTo: COMMISSION_XY },
  'POST /api/v1/alerts/{id}/resolve': { allow: COMMANDERS_XY, body: () => ({ resolution: '已处理' }) },
  'GET /api/v1/board': { allow: COMMISSIONS, scopedTo: COMMISSION_XY },
  'GET /api/v1/statistics': { allow: COMMISSIONS },
  'GET /api/v1/me/contact-points': { allow: PEOPLE },
  'POST /api/v1/me/push-subscriptions': { allow: UNIT_MEMBERS, body: () => ({ endpoint: `https://fcm.googleapis.com/fcm/send/matrix-${key++}`, keys: PUSH_KEYS }) },
  'POST /api/v1/me/phones': { allow: UNIT_MEMBERS, body: () => ({ phone: '13900000055' }) },
  'DELETE /api/v1/me/contact-points/{id}': { allow: ['liaisonU'], once: true },
  'GET /api/v1/units/{unitId}/contact-points': { allow: COMMISSION_XY },
  'POST /api/v1/units/{unitId}/robots': { allow: COMMISSION_XY, body: () => ({ provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=matrix', secret: 'SEC-matrix' }) },
  'DELETE /api/v1/units/{unitId}/contact-points/{id}': { allow: COMMISSION_XY, once: true },
  // 成员单位报告 (信阳 三(四)2): the units of the jurisdiction file; the commission answers; a unit sees its own.
  'POST /api/v1/unit-reports': { allow: UNIT_MEMBERS, body: () => unitReportBody(), headers: idempotency },
  'GET /api/v1/unit-reports': { allow: PEOPLE },
  'GET /api/v1/unit-reports/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/unit-reports/{id}/confirm': { allow: COMMISSION_XY, body: () => ({}), once: true },
  'POST /api/v1/unit-reports/{id}/reject': { allow: COMMISSION_XY, body: () => ({ reason: '矩阵不予确认' }), once: true },
  // 简报 (信阳 三(四)): the office and every member unit publish in their own jurisdiction; a unit sees what was sent to it.
  // The fixture's bulletin is published, so its publisher's changes answer 409 and write nothing.
  'GET /api/v1/bulletins': { allow: PEOPLE },
  'POST /api/v1/bulletins': { allow: [...COMMISSIONS, ...UNIT_MEMBERS], body: () => ({ kind: 'work_brief', title: '矩阵简报', body: '矩阵', toAll: true }) },
  'GET /api/v1/bulletins/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'PATCH /api/v1/bulletins/{id}': { allow: COMMISSION_XY, body: () => ({ title: '矩阵改标题' }) },
  'POST /api/v1/bulletins/{id}/pull-items': { allow: COMMISSION_XY, body: () => ({ itemIds: ['bit_none'] }) },
  'POST /api/v1/bulletins/{id}/publish': { allow: COMMISSION_XY },
  'POST /api/v1/bulletins/{id}/read': { allow: UNIT_U },
  'GET /api/v1/bulletins/{id}/document': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/bulletins/{id}/attachments': { allow: COMMISSION_XY, query: () => '?fileName=matrix.pdf', ...pdfUpload },
  'GET /api/v1/bulletins/{id}/attachments/{attachmentId}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/bulletin-items': { allow: UNIT_MEMBERS, body: () => ({ title: '矩阵报送信息', body: '矩阵' }) },
  'GET /api/v1/bulletin-items': { allow: [...COMMISSIONS, ...UNIT_MEMBERS] },
  // 年度报送 (信阳 四(三)): 信阳's units file and see their own; its office sees all (安吉's document asks for none: 403).
  'GET /api/v1/annual-submissions': { allow: [...COMMISSION_XY, ...UNIT_MEMBERS] },
  'PUT /api/v1/annual-submissions/{year}': { allow: UNIT_MEMBERS, body: () => ({ summary: '矩阵上年度工作总结内容', plan: '矩阵本年度重点工作计划', topics: [] }) },
  'GET /api/v1/annual-submissions/export': { allow: COMMISSION_XY },
  'GET /api/v1/reports/annual': { allow: COMMISSIONS },
  'GET /api/v1/admin/units': { allow: [...COMMANDERS_XY, 'jadmin'] },
  'GET /api/v1/admin/rulebooks/{jurisdictionId}': { allow: [...COMMANDERS_XY, 'jadmin'] },
  'GET /api/v1/admin/users': { allow: ['admin', 'commander', 'commanderAnji', 'jadmin'] },
  'POST /api/v1/admin/users': { allow: ADMINS_XY, body: (f) => ({ username: `matrix.${key++}`, displayName: '矩阵联络员', password: 'matrix-password', role: 'liaison', unitId: f.unitU }) },
  // Role and unit as they are: the liaison's sessions must outlive the admin's change.
  'PATCH /api/v1/admin/users/{id}': { allow: ADMINS_XY, body: (f) => ({ onDuty: true, role: 'liaison', unitId: f.unitU }) },
  // On an account made for it (fixture.resetTarget): a reset ends that person's sessions.
  'POST /api/v1/admin/users/{id}/reset-password': { allow: ADMINS_XY },
  'GET /api/v1/admin/service-accounts': { allow: ADMINS_XY, query: () => '?jurisdictionId=xinyang' },
  'POST /api/v1/admin/service-accounts': { allow: ADMINS_XY, body: () => ({ jurisdictionId: 'xinyang', displayName: '矩阵服务账号', scopes: ['incidents:read'] }) },
  'POST /api/v1/admin/service-accounts/{id}/revoke': { allow: ADMINS_XY, once: true },
  // 值班表: the commission reads every unit's duty; a unit's own people read its rota; the admin (any) and the unit head (own) edit it.
  'GET /api/v1/rota/duty': { allow: [...COMMISSION_XY, 'jadmin'], query: () => '?jurisdictionId=xinyang' },
  'GET /api/v1/rota/units/{unitId}': { allow: [...COMMISSION_XY, ...UNIT_U, 'jadmin'] },
  'PUT /api/v1/rota/units/{unitId}': { allow: ['admin', 'jadmin', 'headU'], body: () => ({ rota: { holidays: [], patterns: [], overrides: [], swaps: [] } }) },
  'POST /api/v1/me/calendar-feed': { allow: PEOPLE },
  // Roster administration: the system admin for every jurisdiction (a jurisdiction admin for its own: test/api/roster-*.test.ts).
  'POST /api/v1/admin/jurisdictions/{jurisdictionId}/unit-changes': {
    allow: ADMINS_XY,
    once: true,
    body: (f) => ({ action: 'rename', unitId: f.unitO, name: '矩阵改名单位', shortName: '矩阵', reason: '授权矩阵' }),
  },
  'GET /api/v1/admin/jurisdictions/{jurisdictionId}/rulebook-versions': { allow: ADMINS_XY },
  'GET /api/v1/admin/jurisdictions/{jurisdictionId}/rulebook-versions/{version}': { allow: ADMINS_XY },
  'GET /api/v1/admin/jurisdictions/{jurisdictionId}/roster': { allow: ADMINS_XY },
  'GET /api/v1/admin/jurisdictions/{jurisdictionId}/roster/template': { allow: ADMINS_XY },
  // A roster with its header only: the preview lists the problem, the import refuses it whole (422) and writes nothing.
  'POST /api/v1/admin/jurisdictions/{jurisdictionId}/roster/preview': { allow: ADMINS_XY, query: () => '?fileName=matrix.csv', ...rosterUpload },
  'POST /api/v1/admin/jurisdictions/{jurisdictionId}/roster/import': { allow: ADMINS_XY, query: () => '?fileName=matrix.csv', ...rosterUpload },
  // A unit reads its own proposals; an admin names the jurisdiction (without it: 422).
  'GET /api/v1/member-changes': { allow: [...ADMINS_XY, ...UNIT_MEMBERS] },
  'POST /api/v1/member-changes': {
    allow: [...ADMINS_XY, ...UNIT_U],
    body: (f) => ({ unitId: f.unitU, kind: 'add_person', person: { displayName: '矩阵新成员', role: 'liaison', username: `matrix.mc.${key++}` }, reason: '授权矩阵' }),
  },
  'POST /api/v1/member-changes/{id}/decision': { allow: ADMINS_XY, once: true, body: () => ({ decision: 'reject', reason: '授权矩阵退回' }) },
  // 联席会议: the office (commanders, the system admin) convenes and drafts; the commission reads; a unit sees what it was sent.
  'POST /api/v1/meetings': { allow: COMMANDERS_XY, body: (f) => meetingBody(f.unitU) },
  'GET /api/v1/meetings': { allow: PEOPLE },
  'GET /api/v1/meetings/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'PATCH /api/v1/meetings/{id}': { allow: COMMANDERS_XY, body: () => ({ place: '矩阵会议室', reason: '矩阵改期' }) },
  'POST /api/v1/meetings/{id}/cancel': { allow: COMMANDERS_XY, body: () => ({ reason: '矩阵取消' }) },
  'POST /api/v1/meetings/{id}/reply': { allow: UNIT_U, body: () => ({ attendance: 'member', attendeeName: '矩阵参会人' }) },
  'POST /api/v1/meetings/{id}/minutes': { allow: COMMANDERS_XY, body: (f) => minutesBody(f.unitU) },
  'POST /api/v1/meetings/{id}/minutes/consent': { allow: UNIT_U, body: () => ({ decision: 'agree' }) },
  'GET /api/v1/meetings/{id}/minutes/print': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'GET /api/v1/meetings/{id}/account': { allow: COMMISSION_XY },
  // On a meeting whose minutes are issued (every member unit may read it): only the item's unit reports.
  'POST /api/v1/meetings/{id}/items/{itemId}/report': { allow: UNIT_U, body: () => ({ note: '矩阵进展' }) },
  'GET /api/v1/standing-requests': { allow: PEOPLE },
  // Materials from the office, a report file from a unit asked in the meeting.
  'POST /api/v1/meetings/{id}/attachments': { allow: [...COMMANDERS_XY, ...UNIT_U], query: () => '?fileName=matrix.pdf', ...pdfUpload },
  // 征求意见: the office proposes, refers and records; the units concerned answer. The fixture's proposal is disagreed (unitU objects).
  'POST /api/v1/proposals': { allow: COMMANDERS_XY, body: (f) => ({ jurisdictionId: 'xinyang', kind: 'campaign', title: '矩阵征求意见', text: '矩阵', unitIds: [f.unitU], dueAt: soon(24) }) },
  'GET /api/v1/proposals': { allow: PEOPLE },
  'GET /api/v1/proposals/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/proposals/{id}/consent': { allow: UNIT_U, body: () => ({ decision: 'agree' }) },
  'POST /api/v1/proposals/{id}/refer': { allow: COMMANDERS_XY, body: () => ({ note: '矩阵报请' }) },
  'POST /api/v1/proposals/{id}/outcome': { allow: COMMANDERS_XY, body: () => ({ outcome: '矩阵决定' }) },
  // 联合执法 / 专项整治: the office opens; the participating unit (unitU) sees and reports on its task.
  // The office, or the member unit that leads it (信阳 三(三) 「或发起单位牵头」).
  'POST /api/v1/campaigns': {
    allow: [...COMMANDERS_XY, ...UNIT_U],
    body: (f) => ({ jurisdictionId: 'xinyang', kind: 'joint_enforcement', title: '矩阵联合执法', scope: '矩阵', startsOn: dayFromNow(-1), endsOn: dayFromNow(365), leadUnitId: f.unitU, tasks: [{ unitId: f.unitU, task: '矩阵任务', dueAt: soon(24) }] }),
  },
  'PATCH /api/v1/campaigns/{id}': { allow: COMMANDERS_XY, body: () => ({ endsOn: dayFromNow(364), reason: '矩阵调整' }) },
  'POST /api/v1/campaigns/{id}/cancel': { allow: COMMANDERS_XY, body: () => ({ reason: '矩阵终止' }), once: true },
  'POST /api/v1/campaigns/{id}/attachments': { allow: UNIT_U, query: () => '?fileName=matrix.pdf', ...pdfUpload },
  'GET /api/v1/campaigns': { allow: PEOPLE },
  'GET /api/v1/campaigns/{id}': { allow: [...COMMISSION_XY, ...UNIT_U] },
  'POST /api/v1/campaigns/{id}/report': { allow: UNIT_U, body: () => ({ note: '矩阵进展' }) },
  // Last of the meeting routes: issued minutes go to every member unit, which would open the meeting to the other unit.
  'POST /api/v1/meetings/{id}/minutes/issue': { allow: COMMANDERS_XY, body: () => ({}) },
};

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
/** A calendar day `days` from today (the suite runs on the real clock: no date that a later year makes past). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
function meetingBody(unitId: string) {
  return { jurisdictionId: 'xinyang', kind: 'topical', topic: '矩阵专题会议', startsAt: soon(48), place: '会议室', agenda: ['矩阵议程'], replyDueAt: soon(24), invite: { unitIds: [unitId] } };
}
function minutesBody(unitId: string) {
  return { text: '矩阵纪要', consentDueAt: soon(72), items: [{ title: '矩阵议定事项', leadUnitId: unitId, supportUnitIds: [], dueAt: soon(24 * 30) }] };
}

/** Documented routes again with a query or body that takes another path through the service. */
const VARIANTS: [string, Expectation][] = [
  // A 续报's preview plans on the incident: only those who may file on it.
  ['POST /api/v1/routing/preview', { allow: FILERS_XY, query: (f) => `?incidentId=${f.incidentId}`, body: () => xinyangReport() }],
  // Planned in 安吉 on 信阳's incident: 安吉 cannot see it, 信阳 cannot file in 安吉, an admin cannot mix the two.
  ['POST /api/v1/routing/preview', { allow: [], query: (f) => `?incidentId=${f.incidentId}`, body: () => xinyangReport({ jurisdictionId: 'anji' }) }],
  // 新建账号 of the commission's roles: a jurisdiction administrator makes duty officers, only the system administrator makes administrators.
  ['POST /api/v1/admin/users', { allow: ADMINS_XY, body: () => ({ username: `matrix.duty.${key++}`, displayName: '矩阵值班员', role: 'duty_officer', jurisdictionId: 'xinyang' }) }],
  ['POST /api/v1/admin/users', { allow: ['admin'], body: () => ({ username: `matrix.jadmin.${key++}`, displayName: '矩阵辖区管理员', role: 'jurisdiction_admin', jurisdictionId: 'xinyang' }) }],
  // The other unit's rota: its own head edits it, the first unit's head does not (policy canEditRota).
  ['GET /api/v1/rota/units/{unitId}', { allow: [...COMMISSION_XY, 'liaisonO', 'headO', 'jadmin'], at: (f) => `/api/v1/rota/units/${f.unitO}` }],
  ['PUT /api/v1/rota/units/{unitId}', { allow: ['admin', 'jadmin', 'headO'], at: (f) => `/api/v1/rota/units/${f.unitO}`, body: () => ({ rota: { holidays: [], patterns: [], overrides: [], swaps: [] } }) }],
];

/** Routes outside the OpenAPI document (see src/api/*, src/app.ts, src/observability/routes.ts): who may use them. */
const OUTSIDE: Record<string, Expectation> = {
  'GET /healthz': { allow: 'public' },
  'GET /readyz': { allow: 'public', mayBeUnready: true },
  // Prometheus: its own bearer token (METRICS_TOKEN), never a session.
  'GET /metrics': { allow: [], credential: () => ({ authorization: `Bearer ${METRICS_TOKEN}` }) },
  'GET /api/docs': { allow: 'public' },
  'GET /api/docs/assets/docs-init.js': { allow: 'public' },
  // The token is the credential: it acts for its person (/a) or asks who acts (/g); no session needed.
  'GET /a/{token}': { allow: 'public' },
  'POST /a/{token}': { allow: 'public', body: () => ({}) },
  'POST /a/{token}/receipt': { allow: 'public', body: () => ({ stage: 'delivered' }) },
  'GET /g/{token}': { allow: 'public' },
  // The secret in the calendar URL is the credential: a phone's calendar subscribes without a session.
  'GET /calendar/{token}': { allow: 'public' },
  // The provider's key-press callback: the signed session context is the credential (none configured here: 404).
  'POST /voice/tencent/keypress': { allow: 'public', body: () => ({ voiceprompt_keypress: { keypress: '1', session_context: 'dlv-x.forged' } }) },
  'POST /g/{token}': { allow: 'public', body: () => ({}) },
  // The web app's shell: every page loads its data through the API above.
  'GET /login': { allow: 'public' },
  'GET /duty': { allow: 'public' },
  'GET /board': { allow: 'public' },
  'GET /admin': { allow: 'public' },
  'GET /bulletins': { allow: 'public' },
  'GET /m': { allow: 'public' },
  'GET /meetings': { allow: 'public' },
};

/** Every socket.io event the server handles: who may send it. */
const SOCKET: Record<string, { allow: Role[]; payload: (f: Fixture) => unknown }> = {
  resume: { allow: PEOPLE, payload: () => ({ afterSeq: 0 }) },
  'notification.read': { allow: UNIT_U, payload: (f) => ({ notificationId: f.notificationU }) },
  'notification.acknowledge': { allow: UNIT_U, payload: (f) => ({ notificationId: f.notificationU }) },
  'notification.decline': { allow: UNIT_U, payload: (f) => ({ notificationId: f.notificationU, reason: '不属于本单位' }) },
};

const PUSH_KEYS = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };

interface Fixture {
  incidentId: string;
  unitU: string;
  unitO: string;
  notificationU: string;
  declinedNotification: string;
  taskU: string;
  obligationId: string;
  alertId: string;
  contactPointU: string;
  robotU: string;
  userU: string;
  linkToken: string;
  unitToken: string;
  attachmentId: string;
  /** A liaison whose password the reset route resets. */
  resetTarget: string;
  /** A service account the revoke route revokes. */
  serviceToRevoke: string;
  calendarToken: string;
  unitReportU: string;
  unitReportR: string;
  bulletinU: string;
  bulletinAttachment: string;
  memberChangeId: string;
  /** A topical meeting the unit was invited to and attends, its minutes out for consent. */
  meetingU: string;
  /** A meeting whose minutes are issued, with an agreed item the unit leads. */
  meetingI: string;
  itemI: string;
  proposalU: string;
  campaignU: string;
}

/** A member unit's report: the 初报 contract without the commission's receipt time. */
function unitReportBody() {
  const { receivedAt: _r, ...body } = xinyangReport({ title: '矩阵单位报告' });
  return body;
}

function followUp() {
  const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '矩阵续报' });
  return { ...facts, kind: 'follow_up' };
}

let server: TestServer;
let fixture: Fixture;
const tokens: Partial<Record<Role, string>> = {};
const usernames: Record<Exclude<Role, 'anonymous'>, string> = {} as never;

async function loginAs(role: Role): Promise<string | undefined> {
  if (role === 'anonymous') return undefined;
  if (role === 'service') return tokens.service;
  return server.login(usernames[role]);
}

beforeAll(async () => {
  // Every channel succeeds without leaving the machine: a delivery given up would write
  // delivery.failed to the log while a refused request is being watched.
  const adapters = Object.fromEntries((['webpush', 'aliyun', 'tencent', 'dingtalk', 'wecom'] as const).map((p) => [p, new RecordingAdapter(p)]));
  server = await startTestServer({ adapters, manualEngine: true, config: { metricsToken: METRICS_TOKEN } });
  const duty = await server.login('duty');
  const unitU = await unitIdByName(server, duty, 'xinyang', '总工会');
  const preview = (await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() })).body;
  const routed: string[] = preview.routing.map((d: any) => d.unitId);
  const all: string[] = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units.map((u: any) => u.id);
  const unitO = all.find((u) => !routed.includes(u))!;
  const unitV = routed.find((u) => u !== unitU)!;
  Object.assign(usernames, {
    admin: 'admin', duty: 'duty', commander: 'commander', liaisonU: `liaison.${unitU}`, headU: `head.${unitU}`,
    liaisonO: `liaison.${unitO}`, headO: `head.${unitO}`, commanderAnji: 'commander.anji', dutyAnji: 'duty.anji',
    jadmin: 'jadmin.xinyang', service: '',
  });
  // 信阳's jurisdiction administrator, with the demo password like every other account here.
  const { createUsers } = await import('../../src/services/users/create-user.js');
  const { hashPassword } = await import('../../src/services/auth/password.js');
  await createUsers(server.services.db, [{ username: 'jadmin.xinyang', passwordHash: await hashPassword('lianfang-demo'), displayName: '信阳辖区管理员', role: 'jurisdiction_admin', jurisdictionId: 'xinyang' }]);
  for (const role of PEOPLE) tokens[role] = await server.login(usernames[role as Exclude<Role, 'anonymous'>]);
  const serviceAccount = (body: unknown) => server.request('POST', '/api/v1/admin/service-accounts', { token: tokens.admin, body });
  tokens.service = (await serviceAccount({ jurisdictionId: 'xinyang', displayName: '矩阵县区系统', scopes: ['reports:file', 'incidents:read'] })).body.key;
  const toRevoke = (await serviceAccount({ jurisdictionId: 'xinyang', displayName: '待吊销', scopes: ['incidents:read'] })).body.serviceAccount.id;
  const resetTarget = (await server.request('POST', '/api/v1/admin/users', { token: tokens.admin, body: { username: 'matrix.reset', displayName: '重置对象', password: 'matrix-password', role: 'liaison', unitId: unitO } })).body.user.id;

  // A phone for the liaison, so the one-tap link exists; a robot for the unit.
  const phone = await server.request('POST', '/api/v1/me/phones', { token: tokens.liaisonU, body: { phone: '13900000011' } });
  const robot = await server.request('POST', `/api/v1/units/${unitU}/robots`, { token: tokens.commander, body: { provider: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix' } });
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '授权矩阵' }), headers: idempotency() });
  const notificationU = filed.body.notifications.find((n: any) => n.unitId === unitU).id;
  const attachment = await server.request('POST', `/api/v1/incidents/${filed.body.id}/attachments?fileName=matrix.pdf`, { token: duty, raw: PDF, headers: { 'content-type': 'application/pdf' } });
  const declinedNotification = filed.body.notifications.find((n: any) => n.unitId === unitV).id;
  await server.request('POST', `/api/v1/notifications/${declinedNotification}/decline`, { token: await server.login(`liaison.${unitV}`), body: { reason: '不属于本单位' } });
  const task = await server.request('POST', `/api/v1/incidents/${filed.body.id}/tasks`, { token: tokens.commander, body: { unitId: unitU, role: 'lead', title: '矩阵任务', description: '矩阵', dueAt: due() } });
  const obligations = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/obligations`, { token: duty })).body.obligations;
  // The engine runs by hand here: it raises what is due now, and nothing is raised while a refused request is watched.
  await server.engine.tick();
  const alerts = (await server.request('GET', '/api/v1/alerts', { token: tokens.commander })).body.alerts;
  const me = (await server.request('GET', '/api/v1/auth/me', { token: tokens.liaisonU })).body;
  const { createActionLinks } = await import('../../src/services/links/action-links.js');
  const { signUnitLink } = await import('../../src/services/links/unit-links.js');
  const [linkToken] = await createActionLinks(server.services.db, server.services.links.secret, new Date(), [{ notificationId: notificationU, userId: me.id, channel: 'sms' }]);
  const unitReportU = await server.request('POST', '/api/v1/unit-reports', { token: tokens.liaisonU, body: unitReportBody() });
  const unitReportR = await server.request('POST', '/api/v1/unit-reports', { token: tokens.liaisonU, body: unitReportBody() });
  // A bulletin of the office to the concerned unit, with a file, published.
  const bulletin = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title: '矩阵简报', body: '矩阵', unitIds: [unitU] } });
  const bulletinFile = await server.request('POST', `/api/v1/bulletins/${bulletin.body.bulletin?.id}/attachments?fileName=matrix.pdf`, { token: duty, raw: PDF, headers: { 'content-type': 'application/pdf' } });
  await server.request('POST', `/api/v1/bulletins/${bulletin.body.bulletin?.id}/publish`, { token: duty });
  fixture = {
    unitReportU: unitReportU.body.unitReport?.id,
    unitReportR: unitReportR.body.unitReport?.id,
    bulletinU: bulletin.body.bulletin?.id,
    bulletinAttachment: bulletinFile.body.bulletin?.attachments?.[0]?.id,
    incidentId: filed.body.id,
    unitU,
    unitO,
    notificationU,
    declinedNotification,
    taskU: task.body.task.id,
    obligationId: obligations[0].id,
    alertId: alerts.find((a: any) => a.incidentId === filed.body.id).id,
    contactPointU: phone.body.contactPoint.id,
    robotU: robot.body.contactPoint.id,
    userU: me.id,
    linkToken: linkToken!,
    unitToken: await signUnitLink(server.services.links.secret, notificationU, new Date()),
    attachmentId: attachment.body.attachment?.id,
    resetTarget,
    serviceToRevoke: toRevoke,
    // Someone outside the roles tried, so no request of the matrix rotates it away.
    calendarToken: new URL((await server.request('POST', '/api/v1/me/calendar-feed', { token: await server.login(`liaison.${unitV}`) })).body.url).pathname.split('/').pop()!,
    meetingU: '',
    meetingI: '',
    itemI: '',
    proposalU: '',
    campaignU: '',
    memberChangeId: (
      await server.request('POST', '/api/v1/member-changes', {
        token: tokens.liaisonU,
        body: { unitId: unitU, kind: 'add_person', person: { displayName: '矩阵候选人', role: 'liaison', username: 'matrix.candidate' }, reason: '授权矩阵' },
      })
    ).body.change?.id,
  };
  Object.assign(fixture, await meetingFixtures(unitU));
  for (const v of Object.values(fixture)) expect(v, JSON.stringify(fixture)).toBeTruthy();
}, 180_000);
afterAll(async () => server?.close());

async function meetingFixtures(unitU: string) {
  const made: string[] = [];
  for (let i = 0; i < 2; i++) {
    const meeting = (await server.request('POST', '/api/v1/meetings', { token: tokens.commander, body: meetingBody(unitU) })).body.meeting.id;
    await server.request('POST', `/api/v1/meetings/${meeting}/reply`, { token: tokens.liaisonU, body: { attendance: 'member', attendeeName: '矩阵参会人' } });
    await server.request('POST', `/api/v1/meetings/${meeting}/minutes`, { token: tokens.commander, body: minutesBody(unitU) });
    made.push(meeting);
  }
  await server.request('POST', `/api/v1/meetings/${made[1]}/minutes/consent`, { token: tokens.liaisonU, body: { decision: 'agree' } });
  await server.request('POST', `/api/v1/meetings/${made[1]}/minutes/issue`, { token: tokens.commander, body: {} });
  const detail = (await server.request('GET', `/api/v1/meetings/${made[1]}`, { token: tokens.commander })).body;
  const proposal = (await server.request('POST', '/api/v1/proposals', { token: tokens.commander, body: { kind: 'campaign', title: '矩阵征求意见', text: '矩阵', unitIds: [unitU], dueAt: soon(24) } })).body.proposal;
  await server.request('POST', `/api/v1/proposals/${proposal?.id}/consent`, { token: tokens.liaisonU, body: { decision: 'object', reason: '矩阵不同意' } });
  const campaign = (await server.request('POST', '/api/v1/campaigns', { token: tokens.commander, body: { kind: 'special_rectification', title: '矩阵专项整治', scope: '矩阵', startsOn: dayFromNow(-1), endsOn: dayFromNow(365), tasks: [{ unitId: unitU, task: '矩阵任务', dueAt: soon(24) }] } })).body.campaign;
  return { meetingU: made[0]!, meetingI: made[1]!, itemI: detail.items?.[0]?.id, proposalU: proposal?.id, campaignU: campaign?.id };
}

function concretePath(path: string, f: Fixture): string {
  return path
    .replace('/bulletins/{id}/attachments/{attachmentId}', `/bulletins/${f.bulletinU}/attachments/${f.bulletinAttachment}`)
    .replace('/bulletins/{id}', `/bulletins/${f.bulletinU}`)
    .replace('/annual-submissions/{year}', '/annual-submissions/2027')
    .replace('/unit-reports/{id}/reject', `/unit-reports/${f.unitReportR}/reject`)
    .replace('/unit-reports/{id}', `/unit-reports/${f.unitReportU}`)
    .replace('/incidents/{id}', `/incidents/${f.incidentId}`)
    .replace('{obligationId}', f.obligationId)
    .replace('/tasks/{id}', `/tasks/${f.taskU}`)
    .replace('/notifications/{id}/resolve-decline', `/notifications/${f.declinedNotification}/resolve-decline`)
    .replace('/notifications/{id}', `/notifications/${f.notificationU}`)
    .replace('/alerts/{id}', `/alerts/${f.alertId}`)
    .replace('/attachments/{id}', `/attachments/${f.attachmentId}`)
    .replace('/me/contact-points/{id}', `/me/contact-points/${f.contactPointU}`)
    .replace('/units/{unitId}/contact-points/{id}', `/units/${f.unitU}/contact-points/${f.robotU}`)
    .replace('{unitId}', f.unitU)
    .replace('/jurisdictions/{id}', '/jurisdictions/xinyang')
    .replace('{jurisdictionId}', 'xinyang')
    .replace('/admin/users/{id}/reset-password', `/admin/users/${f.resetTarget}/reset-password`)
    .replace('/admin/service-accounts/{id}', `/admin/service-accounts/${f.serviceToRevoke}`)
    .replace('/admin/users/{id}', `/admin/users/${f.userU}`)
    .replace('{version}', '2023.2')
    .replace('/member-changes/{id}', `/member-changes/${f.memberChangeId}`)
    .replace('/proposals/{id}', `/proposals/${f.proposalU}`)
    .replace('/campaigns/{id}', `/campaigns/${f.campaignU}`)
    .replace('/meetings/{id}/items/{itemId}', `/meetings/${f.meetingI}/items/${f.itemI}`)
    .replace('/meetings/{id}', `/meetings/${f.meetingU}`)
    .replace(/\/admin\/units$/, '/admin/units?jurisdictionId=xinyang')
    .replace('/a/{token}', `/a/${f.linkToken}`)
    .replace('/g/{token}', `/g/${f.unitToken}`)
    .replace('/calendar/{token}', `/calendar/${f.calendarToken}`);
}

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
const writtenAfter = async (seq: number) =>
  (await server.services.db.select({ type: events.type }).from(events).where(gt(events.seq, seq)).orderBy(asc(events.seq))).map((e) => e.type);

/** What happened, per route and role, when it disagrees with the table. */
const wrong: string[] = [];

async function tryRoute(method: string, path: string, e: Expectation) {
  const url = (e.at?.(fixture) ?? concretePath(path, fixture)) + (e.query?.(fixture) ?? '');
  const allowed = e.allow === 'public' ? ROLES : e.allow;
  // Refused roles first (they must change nothing), then the entitled ones.
  const order = [...ROLES.filter((r) => !allowed.includes(r)), ...ROLES.filter((r) => allowed.includes(r))];
  let ranOnce = false;
  for (const role of order) {
    const may = allowed.includes(role);
    if (may && e.once && ranOnce) continue;
    // Logging out ends the session: use one made for the purpose.
    const token = method === 'POST' && path.endsWith('/auth/logout') ? await loginAs(role) : tokens[role];
    const before = may ? 0 : await lastSeq();
    const res = await server.request(method, url, { token, body: e.body?.(fixture), raw: e.raw?.(), headers: e.headers?.() });
    const label = `${method} ${e.at ? e.at(fixture) : path}${e.query ? ' ' + e.query(fixture).replace(fixture.incidentId, '{id}') : ''} as ${role} → ${res.status}`;
    if (res.status >= 500 && !(e.mayBeUnready && res.status === 503)) wrong.push(`${label} (server error)`);
    else if (may) {
      if (e.allow !== 'public' && [401, 403, 404].includes(res.status)) wrong.push(`${label}, but it is allowed`);
      if (e.scopedTo && !e.scopedTo.includes(role) && JSON.stringify(res.body).includes(fixture.incidentId)) wrong.push(`${label} shows the 信阳 incident`);
      if (e.once) ranOnce = true;
    } else {
      const expected = role === 'anonymous' || e.credential ? [401] : [403, 404];
      if (!expected.includes(res.status)) wrong.push(`${label}, expected ${expected.join('/')}`);
      if ((await lastSeq()) !== before) wrong.push(`${label} wrote to the event log: ${(await writtenAfter(before)).join(', ')}`);
    }
  }
  if (e.credential) {
    const res = await server.request(method, url, { headers: e.credential() });
    if (res.status >= 500 || [401, 403, 404].includes(res.status)) wrong.push(`${method} ${path} with its own credential → ${res.status}, but it opens it`);
  }
}

describe('the authorisation matrix', () => {
  it('has an entry for every route of the OpenAPI document, and nothing it lacks', async () => {
    const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.startsWith('/api/v1') ? path : `/api/v1${path}`}`),
    );
    expect(documented.filter((r) => !(r in API)), 'routes without an entry').toEqual([]);
    expect(Object.keys(API).filter((r) => !documented.includes(r)), 'entries without a route').toEqual([]);
    expect(VARIANTS.map(([r]) => r).filter((r) => !(r in API)), 'variants of routes without an entry').toEqual([]);
  });

  it('has an entry for every route registered outside the OpenAPI document', () => {
    // All of src: routes are mounted from src/api, src/app.ts and src/observability (/readyz, /metrics).
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join('src', f));
    const registered = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:router|app)\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map((m) => `${m[1]!.toUpperCase()} ${m[2]!.replace(/:(\w+)/g, '{$1}')}`),
    );
    const pages = ['/login', '/duty', '/board', '/admin', '/m'].map((p) => `GET ${p}`);
    const unknown = registered.filter((r) => !(r in OUTSIDE) && !/\*|\{file\}/.test(r) && !pages.includes(r));
    expect(unknown, 'routes outside the OpenAPI document without an entry').toEqual([]);
    expect(registered, 'the scan finds the routes it knows of').toEqual(expect.arrayContaining(['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /g/{token}', 'POST /a/{token}']));
  });

  it('every role gets exactly what the table says from every route', async () => {
    for (const [route, e] of [...Object.entries({ ...API, ...OUTSIDE }), ...VARIANTS]) {
      const [method, path] = route.split(' ') as [string, string];
      await tryRoute(method, path, e);
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('has an entry for every socket event the server handles, and every role gets what it says', async () => {
    const source = readFileSync('src/realtime/socket-server.ts', 'utf8');
    const handled = [...source.matchAll(/handle\('([^']+)'/g)].map((m) => m[1]!);
    expect(handled.filter((e) => !(e in SOCKET)), 'socket events without an entry').toEqual([]);
    // Without a session there is no socket at all; an API key is not a session.
    await expect(server.connect('not-a-session')).rejects.toThrow();
    await expect(server.connect(tokens.service!)).rejects.toThrow();
    const refused: string[] = [];
    for (const [event, e] of Object.entries(SOCKET))
      for (const role of [...PEOPLE.filter((r) => !e.allow.includes(r)), ...e.allow]) {
        const socket = await server.connect(tokens[role]!);
        const answer = await socket.emitWithAck<any>(event, e.payload(fixture));
        socket.close();
        const may = e.allow.includes(role);
        if (may && !answer.ok && [401, 403, 404].includes(answer.error.status)) refused.push(`${event} as ${role}: refused (${answer.error.status}), but it is allowed`);
        if (!may && (answer.ok || ![403, 404].includes(answer.error.status))) refused.push(`${event} as ${role}: ${answer.ok ? 'accepted' : answer.error.status}, expected 403/404`);
        if (event === 'resume' && answer.ok && ![...COMMISSION_XY, ...UNIT_U].includes(role) && JSON.stringify(answer.events).includes(fixture.incidentId))
          refused.push(`resume as ${role} shows the 信阳 incident`);
        // access.changed rows (the walk's logouts wrote some) are the relays' alone: no one is shown them.
        if (event === 'resume' && answer.ok && answer.events.some((x: any) => x.type === 'access.changed')) refused.push(`resume as ${role} shows an access change`);
      }
    expect(refused).toEqual([]);
  }, 300_000);
});
