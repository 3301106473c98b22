/** The REST client: same origin, the session cookie, problem+json errors turned into ApiError. */
import { forPeople } from '../../../src/contract/words.js';
import type { z } from 'zod';
import type { problemSchema } from '../../../src/contract/api.js';

export type Problem = z.infer<typeof problemSchema> & Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** True when no answer came back at all (offline, connection refused, timeout). */
    readonly network = false,
    /** From a 429's or 503's Retry-After header: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem?.detail ?? problem?.title ?? (network ? '网络中断' : `请求未能完成（${status}）`));
  }

  /** Field → message, from the problem's `errors` list. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) out[e.field] ??= forPeople(e.message);
    return out;
  }

  /** Whether the request may be retried as is (nothing was stored, or it is idempotent). */
  get retryable(): boolean {
    return this.network || this.status === 503 || this.status === 502 || this.status === 504;
  }
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds before the request is abandoned as a network failure. */
  timeoutMs?: number;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? 20_000);
  const onAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onAbort);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: timeout.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, null, true);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, (parsed as Problem) ?? null, false, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return parsed as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, { signal });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, { body, headers });
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, { body });
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, { body });

/** The message to show for a failed request, in Chinese first. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.network) return '网络中断，请检查连接后重试';
    if (err.status === 401) return '登录已失效，请重新登录';
    return forPeople(err.problem?.detail || err.problem?.title || err.message);
  }
  return err instanceof Error ? err.message : String(err);
}
