/** 征求意见 (信阳 四(四)): the office puts a proposal to the units concerned; each agrees or objects; a disagreement goes to the government. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import { standingRequestSchema } from '../../contract/meetings.js';
import { proposalConsentSchema, proposalCreateSchema, proposalDetailSchema, proposalOutcomeSchema, proposalReferSchema, proposalSchema } from '../../contract/proposals.js';
import { answerProposal, getProposal, listProposals, makeProposal, referProposal } from '../../services/standing/proposals.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const id = z.string().min(1).max(64);
const refusals = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const writes = { ...refusals, 409: { description: 'Not possible in the proposal’s state', content: { 'application/problem+json': { schema: problemSchema } } }, 422: errorResponses[422] };
const answer = jsonResponse(z.object({ proposal: proposalSchema }), 'The proposal');

export function proposalRoutes() {
  const router = createRouter();
  router.use('/proposals', requireActor);
  router.use('/proposals/*', requireActor);

  router.openapi(
    createRoute({ method: 'post', path: '/proposals', tags: ['meetings'], summary: '征求意见 The office puts a proposal binding several units to them', security: bearerSecurity, request: { headers: idempotencyHeaders, body: jsonBody(proposalCreateSchema) }, responses: { 201: answer, ...writes } }),
    async (c) => idempotentJson(c, await makeProposal(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );
  router.openapi(
    createRoute({ method: 'get', path: '/proposals', tags: ['meetings'], summary: '征求意见事项 The office: all; a unit: those put to it', security: bearerSecurity, responses: { 200: jsonResponse(z.object({ proposals: z.array(proposalSchema) }), 'Proposals'), 401: errorResponses[401], 403: errorResponses[403] } }),
    async (c) => c.json((await listProposals(c.get('services'), c.get('actor'))) as never, 200),
  );
  router.openapi(
    createRoute({ method: 'get', path: '/proposals/{id}', tags: ['meetings'], summary: '征求意见详情 The proposal and the answers (a unit: its own)', security: bearerSecurity, request: { params: z.object({ id }) }, responses: { 200: jsonResponse(proposalDetailSchema, 'The proposal'), ...refusals } }),
    async (c) => c.json((await getProposal(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/consent',
      tags: ['meetings'],
      summary: '表态 A unit concerned agrees, or objects with the reason; the last answer settles it (agreed or disagreed)',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(proposalConsentSchema) },
      responses: { 200: jsonResponse(z.object({ request: standingRequestSchema, proposal: proposalSchema }), 'Recorded'), ...writes },
    }),
    async (c) => c.json((await answerProposal(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );
  router.openapi(
    createRoute({ method: 'post', path: '/proposals/{id}/refer', tags: ['meetings'], summary: '提请市政府决定 The office refers a disagreed proposal with the opinions and reasons', security: bearerSecurity, request: { params: z.object({ id }), body: jsonBody(proposalReferSchema) }, responses: { 200: answer, ...writes } }),
    async (c) => c.json((await referProposal(c.get('services'), c.get('actor'), c.req.valid('param').id, { refer: c.req.valid('json').note })) as never, 200),
  );
  router.openapi(
    createRoute({ method: 'post', path: '/proposals/{id}/outcome', tags: ['meetings'], summary: '市政府决定 The office records the government’s decision on a referred proposal', security: bearerSecurity, request: { params: z.object({ id }), body: jsonBody(proposalOutcomeSchema) }, responses: { 200: answer, ...writes } }),
    async (c) => c.json((await referProposal(c.get('services'), c.get('actor'), c.req.valid('param').id, { outcome: c.req.valid('json').outcome })) as never, 200),
  );
  return router;
}
