/** Helpers shared by every route definition: error responses, JSON bodies, the router factory. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { problemSchema } from '../contract/api.js';
import type { AppEnv } from './env.js';
import { validationProblem } from './problem.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

export const errorResponses = {
  401: problem('未登录 Not authenticated'),
  403: problem('可见但无权操作 Visible but not allowed'),
  404: problem('不存在或无权查看 Not found or not visible'),
  422: problem('输入有误，errors 列出每个字段 Invalid input; `errors` names each field'),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearerSecurity = [{ bearer: [] as string[] }];

/** A router whose request validation failures render as problem+json naming each field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error as unknown as z.ZodError, result.target);
    },
  });
}
