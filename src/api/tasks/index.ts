/** 联合处置任务: commanders assign tasks; the unit accepts, reports progress, marks blocked or done. */
import { createRoute, z } from '@hono/zod-openapi';
import { eventEnvelopeSchema, problemSchema } from '../../contract/api.js';
import {
  taskChangeResultSchema,
  taskCreateSchema,
  taskNoteSchema,
  taskProgressSchema,
  taskReasonSchema,
  taskReassignSchema,
  taskSchema,
  taskSuggestionSchema,
} from '../../contract/response.js';
import type { TaskAction } from '../../domain/tasks.js';
import { changeTask, type TaskChangeInput } from '../../services/tasks/change-task.js';
import { createTask } from '../../services/tasks/create-task.js';
import { getTask, listIncidentTasks, listMyTasks } from '../../services/tasks/list-tasks.js';
import { listTaskSuggestions } from '../../services/tasks/suggestions.js';
import { idempotencyHeaders, idempotentJson, idempotentUpdateJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const id = z.string().min(1).max(64);
const conflict = { description: 'Not possible in the task’s state, or the incident is closed', content: { 'application/problem+json': { schema: problemSchema } } };
const tasksResponse = jsonResponse(z.object({ tasks: z.array(taskSchema) }), 'Tasks, open ones first');

/** The unit's and the commander's actions, each `POST /tasks/{id}/<path>`. */
const ACTIONS: { path: string; action: TaskAction; body: z.ZodType; summary: string; input: (b: any) => TaskChangeInput }[] = [
  { path: 'accept', action: 'accept', body: taskNoteSchema, summary: '接收 The unit accepts the task (a repeat is harmless)', input: (b) => ({ note: b?.note }) },
  { path: 'progress', action: 'progress', body: taskProgressSchema, summary: '进展 The unit reports progress (a blocked task goes on again)', input: (b) => ({ note: b.note }) },
  { path: 'block', action: 'block', body: taskReasonSchema, summary: '受阻 The unit cannot proceed, with the reason; the commanders get a 督办 alert', input: (b) => ({ note: b.reason }) },
  { path: 'done', action: 'complete', body: taskNoteSchema, summary: '办结 The unit marks the task done', input: (b) => ({ note: b?.note }) },
  { path: 'reassign', action: 'reassign', body: taskReassignSchema, summary: '改派 A commander hands the task to another unit, with the reason', input: (b) => ({ unitId: b.unitId, note: b.reason, dueAt: b.dueAt }) },
  { path: 'close', action: 'close', body: taskReasonSchema, summary: '关闭 A commander closes the task, with the reason', input: (b) => ({ note: b.reason }) },
];

export function taskRoutes() {
  const router = createRouter();
  router.use('/incidents/*', requireActor);
  router.use('/tasks', requireActor);
  router.use('/tasks/*', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/tasks',
      tags: ['tasks'],
      summary: '布置任务 A commander gives a unit a task, written or from the rulebook’s suggestions',
      security: bearerSecurity,
      request: { params: z.object({ id }), headers: idempotencyHeaders, body: jsonBody(taskCreateSchema) },
      responses: {
        201: jsonResponse(z.object({ task: taskSchema }), 'Created; the unit is told'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: conflict,
        422: errorResponses[422],
      },
    }),
    async (c) =>
      idempotentJson(c, await createTask(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/tasks',
      tags: ['tasks'],
      summary: '任务 An incident’s tasks (a unit sees its own)',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: { 200: tasksResponse, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json((await listIncidentTasks(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/task-suggestions',
      tags: ['tasks'],
      summary: '建议任务 The rulebook’s suggested tasks for the incident’s regimes, with the clause quoted',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: {
        200: jsonResponse(z.object({ suggestions: z.array(taskSuggestionSchema) }), 'Suggestions'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await listTaskSuggestions(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags: ['tasks'],
      summary: '我的任务 The caller’s unit’s tasks; for the commission, its jurisdiction’s open tasks',
      security: bearerSecurity,
      responses: { 200: tasksResponse, 401: errorResponses[401] },
    }),
    async (c) => c.json((await listMyTasks(c.get('services'), c.get('actor'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}',
      tags: ['tasks'],
      summary: '任务详情 One task with its history from the timeline',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: {
        200: jsonResponse(z.object({ task: taskSchema, history: z.array(eventEnvelopeSchema) }), 'The task'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json((await getTask(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );

  for (const a of ACTIONS)
    router.openapi(
      createRoute({
        method: 'post',
        path: `/tasks/{id}/${a.path}`,
        tags: ['tasks'],
        summary: a.summary,
        security: bearerSecurity,
        request: { params: z.object({ id }), headers: idempotencyHeaders, body: { ...jsonBody(a.body), required: a.body !== taskNoteSchema } },
        responses: {
          200: jsonResponse(taskChangeResultSchema, 'Changed'),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
          409: conflict,
          422: errorResponses[422],
        },
      }),
      async (c) => {
        const body = (c.req.valid('json' as never) ?? {}) as unknown;
        const key = (c.req.valid('header' as never) as { 'idempotency-key'?: string } | undefined)?.['idempotency-key'];
        return idempotentUpdateJson(c, await changeTask(c.get('services'), c.get('actor'), c.req.valid('param').id, a.action, a.input(body), key));
      },
    );
  return router;
}
