/**
 * One guard in front of every route, so no handler (now or later) can pass the database text it
 * cannot store: U+0000 or a lone surrogate in a path parameter, a query parameter or any string
 * (value or key) of a JSON or form body is refused 422 naming the field. A JSON body must be an
 * object: every body of this API is one, and `null.note` must never reach a handler.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { findUnsafeText, printableName, unsafeTextProblem } from '../contract/safe-text.js';
import { fieldPath, type FieldProblem } from '../services/errors.js';
import type { AppEnv } from './env.js';
import { problemResponse } from './problem.js';

function invalidInput(c: Context, errors: FieldProblem[]): Response {
  return problemResponse(c, {
    type: 'https://lianfang.example/problems/invalid',
    title: '提交的内容有误',
    status: 422,
    detail: `请修改以下字段：${errors.map((e) => e.field).join('、')}`,
    instance: printableName(c.req.path),
    requestId: c.get('requestId' as never),
    errors,
  });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Each path segment with the name the matched route gives it (`:id` → id), else "path". */
function pathProblems(c: Context): FieldProblem[] {
  const segments = new URL(c.req.url).pathname.split('/');
  // The endpoint: the first matched route that is neither middleware nor a catch-all.
  const endpoint = matchedRoutes(c).find((r) => r.method !== 'ALL' && !r.path.includes('*'));
  const pattern = (endpoint?.path ?? '').split('/');
  const problems: FieldProblem[] = [];
  segments.forEach((raw, i) => {
    const message = unsafeTextProblem(decode(raw));
    if (!message) return;
    const name = pattern[i]?.match(/^:([A-Za-z0-9_]+)/)?.[1] ?? 'path';
    problems.push({ field: name, message });
  });
  return problems;
}

function queryProblems(c: Context): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, values] of Object.entries(c.req.queries())) {
    const keyProblem = unsafeTextProblem(key);
    if (keyProblem) problems.push({ field: printableName(key), message: `参数名${keyProblem}` });
    for (const value of values) {
      const message = unsafeTextProblem(value);
      if (message) problems.push({ field: key, message });
    }
  }
  return problems;
}

async function bodyProblems(c: Context): Promise<FieldProblem[]> {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return [];
  const type = c.req.header('content-type') ?? '';
  let body: unknown;
  if (/^application\/([a-z0-9.+-]*\+)?json/i.test(type)) {
    const text = await c.req.text();
    if (!text.trim()) return [];
    try {
      body = JSON.parse(text);
    } catch {
      return []; // the route's own validation answers malformed JSON with 400
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return [{ field: '(body)', message: '请求内容须为一个对象（以 { 开头的JSON）' }];
  } else if (/^application\/x-www-form-urlencoded/i.test(type)) {
    body = Object.fromEntries(new URLSearchParams(await c.req.text()));
  } else return [];
  const unsafe = findUnsafeText(body);
  return unsafe ? [{ field: fieldPath(unsafe.path) || '(body)', message: unsafe.message }] : [];
}

export function guardInputText(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const problems = [...pathProblems(c), ...queryProblems(c)];
    if (!problems.length) problems.push(...(await bodyProblems(c)));
    if (problems.length) return invalidInput(c, problems);
    await next();
  };
}
