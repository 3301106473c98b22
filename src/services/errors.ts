/**
 * The one way a use case fails. Services throw these; HTTP renders them once as problem+json
 * (RFC 9457) and the socket layer once as its acknowledgement payload.
 */
export interface FieldProblem {
  /** Dotted path of the failing field, e.g. "employer.creditCode" or "extraUnits.0.unitId". */
  field: string;
  message: string;
}

export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

const TITLES: Record<DomainErrorKind, string> = {
  invalid: '提交的内容有误 (invalid input)',
  unauthenticated: '请先登录 (authentication required)',
  forbidden: '无权执行此操作 (forbidden)',
  not_found: '未找到 (not found)',
  conflict: '与当前状态冲突 (conflict)',
  rate_limited: '尝试次数过多，请稍后再试 (too many attempts)',
  too_large: '文件过大',
  unavailable: '服务暂不可用，请稍后重试，内容已保留在本机 (service unavailable)',
};

export class DomainError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly kind: DomainErrorKind,
    detail: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.status = STATUS[kind];
    this.title = TITLES[kind];
  }
}

export const invalid = (detail: string, fields: FieldProblem[] = []) => new DomainError('invalid', detail, fields);
export const notFound = (what: string) => new DomainError('not_found', `${what}不存在或无权查看 (not found)`);
export const forbidden = (detail: string) => new DomainError('forbidden', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new DomainError('conflict', detail, [], extra);
export const unauthenticated = (detail = '登录已失效，请重新登录 (session missing or expired)') =>
  new DomainError('unauthenticated', detail);

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
