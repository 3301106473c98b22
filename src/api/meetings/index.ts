/**
 * 联席会议: the office convenes meetings, drafts, revises and issues minutes; each unit replies who
 * attends, agrees to the minutes or asks for a change, reports on its agreed items. A unit sees
 * only what it was sent (404 otherwise); the office's own steps are refused to units (403).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import {
  itemReportSchema,
  meetingAccountSchema,
  meetingCancelSchema,
  meetingChangeSchema,
  meetingConveneSchema,
  meetingDetailSchema,
  meetingReplySchema,
  meetingSchema,
  minutesConsentSchema,
  minutesDraftSchema,
  minutesIssueSchema,
  minutesSchema,
  standingRequestSchema,
} from '../../contract/meetings.js';
import { meetingAccount, myStandingRequests, reportOnItem } from '../../services/standing/items.js';
import { conveneMeeting, getMeeting, listMeetings, replyToMeeting } from '../../services/standing/meetings.js';
import { consentToMinutes, draftMinutes, issueMinutes } from '../../services/standing/minutes.js';
import { cancelMeeting, changeMeeting } from '../../services/standing/meeting-changes.js';
import { printableMinutes } from '../../services/standing/print.js';
import { idempotencyHeaders, idempotentJson, idempotentUpdateJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { documentResponse, documentResponses } from '../document-response.js';
import { minutesDocument } from './minutes-document.js';
import { minutesHtml } from './minutes-render.js';
import { attachmentSchema } from '../../contract/desk.js';
import { addMeetingFile } from '../../services/standing/materials.js';
import { readUploadedFile } from '../uploaded-file.js';

const id = z.string().min(1).max(64);
const conflict = { description: 'Not possible in the meeting’s or minutes’ state', content: { 'application/problem+json': { schema: problemSchema } } };
const refusals = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const writes = { ...refusals, 409: conflict, 422: errorResponses[422] };
const requestAnswer = jsonResponse(z.object({ request: standingRequestSchema }), 'The unit’s request as answered');

export function meetingRoutes() {
  const router = createRouter();
  router.use('/meetings', requireActor);
  router.use('/meetings/*', requireActor);
  router.use('/standing-requests', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings',
      tags: ['meetings'],
      summary: '召开会议 The office convenes a plenary or topical meeting; each invited unit is asked who attends',
      security: bearerSecurity,
      request: { headers: idempotencyHeaders, body: jsonBody(meetingConveneSchema) },
      responses: { 201: jsonResponse(z.object({ meeting: meetingSchema, requests: z.array(standingRequestSchema) }), 'Convened; the units are asked'), ...writes },
    }),
    async (c) => idempotentJson(c, await conveneMeeting(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/meetings',
      tags: ['meetings'],
      summary: '会议列表 The office: its jurisdiction’s meetings; a unit: those it was invited to or sent minutes of',
      security: bearerSecurity,
      responses: { 200: jsonResponse(z.object({ meetings: z.array(meetingSchema) }), 'Meetings, latest first'), 401: errorResponses[401] },
    }),
    async (c) => c.json((await listMeetings(c.get('services'), c.get('actor'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: '会议详情 The meeting, the replies and consents (a unit: its own), the minutes and the agreed items',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: { 200: jsonResponse(meetingDetailSchema, 'The meeting'), ...refusals },
    }),
    async (c) => c.json((await getMeeting(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: '会议变更 The office moves the meeting (time, place, reply deadline) before it is held; every invited unit is told with the reason',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(meetingChangeSchema) },
      responses: { 200: jsonResponse(z.object({ meeting: meetingSchema }), 'The meeting as changed'), ...writes },
    }),
    async (c) => c.json((await changeMeeting(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/cancel',
      tags: ['meetings'],
      summary: '取消会议 The office calls off a meeting not yet held; the replies still asked are withdrawn and every invited unit is told',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(meetingCancelSchema) },
      responses: { 200: jsonResponse(z.object({ meeting: meetingSchema }), 'The meeting, cancelled'), ...writes },
    }),
    async (c) => c.json((await cancelMeeting(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/reply',
      tags: ['meetings'],
      summary: '参会回执 An invited unit says who attends: its member, or a deputy with the reason (may be changed until the minutes are drafted)',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(meetingReplySchema) },
      responses: { 200: requestAnswer, ...writes },
    }),
    async (c) => c.json((await replyToMeeting(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes',
      tags: ['meetings'],
      summary: '起草/修订纪要 The office drafts the minutes with agreed items, or revises the version out for consent; the attending units are asked to agree',
      security: bearerSecurity,
      request: { params: z.object({ id }), headers: idempotencyHeaders, body: jsonBody(minutesDraftSchema) },
      responses: { 201: jsonResponse(z.object({ minutes: minutesSchema }), 'The new version, out for consent'), ...writes },
    }),
    async (c) => idempotentJson(c, await draftMinutes(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/consent',
      tags: ['meetings'],
      summary: '纪要会签 An attending unit agrees to the version out for consent, or asks for a change with the reason',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(minutesConsentSchema) },
      responses: { 200: jsonResponse(z.object({ request: standingRequestSchema, minutesState: z.string() }), 'Recorded; `agreed` once every attending unit agreed'), ...writes },
    }),
    async (c) => c.json((await consentToMinutes(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/issue',
      tags: ['meetings'],
      summary: '印发纪要 The office issues the agreed minutes to every member unit, copied to the government; each agreed item’s units are asked to report',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(minutesIssueSchema) },
      responses: { 200: jsonResponse(z.object({ minutes: minutesSchema }), 'Issued'), ...writes },
    }),
    async (c) => c.json((await issueMinutes(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}/minutes/print',
      tags: ['meetings'],
      summary: '纪要打印 / 导出 The minutes as a printable page (A4) or a Word file: the issued version, or the one out for consent marked 征求意见稿',
      security: bearerSecurity,
      request: { params: z.object({ id }), query: z.object({ format: z.enum(['html', 'docx']).default('html') }) },
      responses: { 200: documentResponses, ...refusals },
    }),
    async (c) => {
      const printable = await printableMinutes(c.get('services'), c.get('actor'), c.req.valid('param').id);
      if (c.req.valid('query').format === 'html') return c.html(minutesHtml(printable)) as never;
      return (await documentResponse(c, minutesDocument(printable), 'docx', `${printable.meeting.topic}会议纪要`)) as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/items/{itemId}/report',
      tags: ['meetings'],
      summary: '议定事项反馈 The item’s lead or supporting unit reports progress, or its part done (`done: true`), which stops the chase',
      security: bearerSecurity,
      request: { params: z.object({ id, itemId: id }), headers: idempotencyHeaders, body: jsonBody(itemReportSchema) },
      responses: { 200: requestAnswer, ...writes },
    }),
    async (c) => {
      const { id: meetingId, itemId } = c.req.valid('param');
      return idempotentUpdateJson(c, await reportOnItem(c.get('services'), c.get('actor'), meetingId, itemId, c.req.valid('json'), c.req.valid('header')['idempotency-key']));
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}/account',
      tags: ['meetings'],
      summary: '会议台账 Every agreed item, per unit, against its date (the office)',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: { 200: jsonResponse(meetingAccountSchema, 'The account'), ...refusals },
    }),
    async (c) => c.json((await meetingAccount(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/attachments',
      tags: ['meetings'],
      summary: '会议材料/反馈附件 The office adds meeting materials; a unit asked in the meeting adds a file for its report (seen by it and the office)',
      description: 'The body is the file itself (JPEG, PNG, WebP, PDF, DOCX; the type is decided from the content). `fileName` names it. A retry with the same `Idempotency-Key`, file and name returns the first answer; another file or name with the key is a 409. At most ATTACHMENT_MAX_BYTES: 413 beyond.',
      security: bearerSecurity,
      request: { params: z.object({ id }), headers: idempotencyHeaders, query: z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不超过200字') }) },
      responses: { 201: jsonResponse(z.object({ attachment: attachmentSchema.extend({ material: z.boolean() }) }), 'Stored'), ...writes, 413: errorResponses[422] },
    }),
    async (c) => {
      const services = c.get('services');
      const bytes = await readUploadedFile(c);
      return idempotentJson(c, (await addMeetingFile(services, c.get('actor'), c.req.valid('param').id, { fileName: c.req.valid('query').fileName, bytes }, c.req.valid('header')['idempotency-key'])) as never);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/standing-requests',
      tags: ['meetings'],
      summary: '联席会议待办 What waits for the caller’s unit (meeting replies, minutes to agree, agreed items), soonest deadline first',
      security: bearerSecurity,
      responses: {
        200: jsonResponse(z.object({ requests: z.array(standingRequestSchema.extend({ meetingTopic: z.string().nullable(), meetingStartsAt: z.string().nullable(), meetingPlace: z.string().nullable() })) }), 'Pending requests'),
        401: errorResponses[401],
      },
    }),
    async (c) => c.json((await myStandingRequests(c.get('services'), c.get('actor'))) as never, 200),
  );
  return router;
}

