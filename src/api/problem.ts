/** Renders every failure once, as application/problem+json (RFC 9457) naming the failing fields. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isTransactionConflict } from '../db/retry.js';
import { forPeople } from '../contract/words.js';
import { DomainError, fieldPath, type FieldProblem } from '../services/errors.js';
import { logger } from '../observability/logger.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export function problemResponse(c: Context, body: ProblemBody, headers: Record<string, string> = {}): Response {
  const readable = {
    ...body,
    title: forPeople(body.title),
    detail: forPeople(body.detail),
    ...(body.errors ? { errors: body.errors.map((e) => ({ field: e.field, message: forPeople(e.message) })) } : {}),
  };
  return new Response(JSON.stringify(readable), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

export function zodFieldProblems(error: ZodError, prefix: (string | number)[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldPath([...prefix, ...issue.path]) || '(body)', message: issue.message }));
}

export function validationProblem(c: Context, error: ZodError, _target: string): Response {
  const errors = zodFieldProblems(error);
  return problemResponse(c, {
    type: 'https://lianfang.example/problems/invalid',
    title: '提交的内容有误 (invalid input)',
    status: 422,
    // The detail is read by people: the messages themselves, not the field paths (those are in `errors`).
    detail: `请修改以下${errors.length}处：${[...new Set(errors.map((e) => forPeople(e.message)))].join('；')}`,
    instance: c.req.path,
    requestId: c.get('requestId' as never),
    errors,
  });
}

export function errorToProblem(c: Context, err: unknown): Response {
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (typeof err.extra.retryAfterSeconds === 'number') headers['retry-after'] = String(err.extra.retryAfterSeconds);
    return problemResponse(
      c,
      {
        type: `https://lianfang.example/problems/${err.kind}`,
        title: err.title,
        status: err.status,
        detail: err.message,
        instance: c.req.path,
        requestId: c.get('requestId' as never),
        ...(err.fields.length ? { errors: err.fields } : {}),
        ...err.extra,
      },
      headers,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    return problemResponse(c, {
      type: 'about:blank',
      // Hono's own messages are English ("Malformed JSON in request body"): people read ours.
      title: status === 400 ? '请求格式有误' : '请求未能完成',
      status,
      detail: status === 400 ? '提交的内容格式不正确，无法读取' : '请求未能完成，请重试',
      instance: c.req.path,
      requestId: c.get('requestId' as never),
    });
  }
  if (isTransactionConflict(err)) {
    // Retried already (db/retry.ts) and still losing: nothing was written, a later retry may win.
    return problemResponse(
      c,
      {
        type: 'https://lianfang.example/problems/busy',
        title: '系统繁忙，请稍后重试',
        status: 503,
        detail: '同时处理的操作相互冲突，本次提交未生效；请稍后重试，使用相同的 Idempotency-Key 重试不会重复提交',
        instance: c.req.path,
        requestId: c.get('requestId' as never),
      },
      { 'retry-after': '1' },
    );
  }
  if (isDatabaseUnavailable(err)) {
    return problemResponse(
      c,
      {
        type: 'https://lianfang.example/problems/unavailable',
        title: '服务暂不可用 (service unavailable)',
        status: 503,
        detail: '数据库暂时无法写入，请保留内容稍后重试；使用相同的 Idempotency-Key 重试不会重复提交 (retry with the same Idempotency-Key)',
        instance: c.req.path,
        requestId: c.get('requestId' as never),
      },
      { 'retry-after': '5' },
    );
  }
  logger.error({ err, reqId: c.get('requestId' as never) }, 'request failed');
  return problemResponse(c, {
    type: 'about:blank',
    title: '服务器内部错误 (internal error)',
    status: 500,
    detail: '请求未能完成，请重试 (the request did not complete)',
    instance: c.req.path,
    requestId: c.get('requestId' as never),
  });
}

/** Connection-level failures (refused, reset, terminated, admin shutdown), where a retry may succeed. */
function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string } | null;
  const code = e?.code ?? e?.cause?.code ?? '';
  return (
    // 25006: a write reached a standby (a failover behind one address that still names the old primary).
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003', '53300', '25006'].includes(code) ||
    /connection (terminated|closed|ended)/i.test(e?.message ?? '') ||
    // A new connection to a database that refuses them (ALLOW_CONNECTIONS false) fails with 55000.
    /not currently accepting connections/i.test(`${e?.message ?? ''} ${(e?.cause as { message?: string } | undefined)?.message ?? ''}`)
  );
}
