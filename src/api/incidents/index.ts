/** 事故: 初报, 续报/终报, list, detail and timeline. */
import { createRoute, z } from '@hono/zod-openapi';
import { eventEnvelopeSchema, followUpCreatedSchema, incidentCreatedSchema, incidentDetailSchema, incidentListSchema, problemSchema } from '../../contract/api.js';
import { followUpSubmissionSchema, reportSubmissionSchema } from '../../contract/report.js';
import { INCIDENT_STATUSES } from '../../domain/enums.js';
import { readVisibleEventsAfter, viewEventsFor } from '../../services/events/read.js';
import { fileFollowUp } from '../../services/incidents/file-follow-up.js';
import { fileReport } from '../../services/incidents/file-report.js';
import { getIncident } from '../../services/incidents/get-incident.js';
import { listIncidents } from '../../services/incidents/list-incidents.js';
import { loadVisibleIncident } from '../../services/incidents/load.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const incidentParams = z.object({ id: z.string().min(1).max(64) });

export function incidentRoutes() {
  const router = createRouter();
  router.use('/incidents', requireActor);
  router.use('/incidents/*', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/incidents',
      tags: ['incidents'],
      summary: '初报 File an incident: classify, route and notify every concerned unit',
      security: bearerSecurity,
      request: { headers: idempotencyHeaders, body: jsonBody(reportSubmissionSchema) },
      responses: {
        201: jsonResponse(incidentCreatedSchema, 'Filed; notifications are on their way'),
        401: errorResponses[401],
        403: errorResponses[403],
        409: { description: 'Idempotency-Key reused with another body', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
        503: { description: 'Not stored; keep the report and retry with the same key', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    }),
    async (c) => {
      const outcome = await fileReport(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      return idempotentJson(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents',
      tags: ['incidents'],
      summary: '事故列表 Incidents the caller may see, newest first',
      security: bearerSecurity,
      request: {
        query: z.object({
          status: z.enum(INCIDENT_STATUSES).optional(),
          jurisdictionId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: jsonResponse(incidentListSchema, 'Incidents'), 401: errorResponses[401], 422: errorResponses[422] },
    }),
    async (c) => c.json(await listIncidents(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}',
      tags: ['incidents'],
      summary: '事故详情 One incident: facts, classification, routing, versions and notifications',
      security: bearerSecurity,
      request: { params: incidentParams },
      responses: { 200: jsonResponse(incidentDetailSchema, 'The incident as the caller may see it'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json(await getIncident(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/reports',
      tags: ['incidents'],
      summary: '续报 / 终报 File a follow-up or final report with the full current facts',
      security: bearerSecurity,
      request: { params: incidentParams, headers: idempotencyHeaders, body: jsonBody(followUpSubmissionSchema) },
      responses: {
        201: jsonResponse(followUpCreatedSchema, 'New version filed'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: { description: 'The incident is closed, or the key was reused', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const outcome = await fileFollowUp(
        c.get('services'),
        c.get('actor'),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['idempotency-key'],
      );
      return idempotentJson(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/events',
      tags: ['incidents'],
      summary: '时间线 The incident’s append-only timeline, as the caller may see it',
      security: bearerSecurity,
      request: {
        params: incidentParams,
        query: z.object({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) }),
      },
      responses: {
        200: jsonResponse(z.object({ events: z.array(eventEnvelopeSchema) }), 'Events in order'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { afterSeq, limit } = c.req.valid('query');
      const services = c.get('services');
      const actor = c.get('actor');
      await loadVisibleIncident(services.db, actor, id);
      const events = await readVisibleEventsAfter(services.db, actor, afterSeq, limit, id);
      return c.json({ events: viewEventsFor(actor, events) }, 200);
    },
  );

  return router;
}

