/**
 * What a person or the commission is told when a message could not be sent. The raw reason
 * (status codes, network errors, addresses) stays in the server's records for operators; shown to
 * users it would describe the server's own network (a user-supplied push address would turn it
 * into a port scanner). A few plain reasons, in words. Pure.
 */
export const FAILURE_REASONS = {
  blocked: '地址不被允许，请在手机上重新开启推送或更换联系方式',
  gone: '订阅或地址已失效，请重新开启推送或更换联系方式',
  unreachable: '暂时无法送达，系统将自动重试',
  refused: '对方服务拒绝了本次发送，请核对联系方式',
} as const;

export function publicFailureReason(raw: string | null): string | null {
  if (!raw) return null;
  if (/^blocked\b/.test(raw)) return FAILURE_REASONS.blocked;
  if (/\b(404|410)\b|gone|unusable/i.test(raw)) return FAILURE_REASONS.gone;
  if (/^network\b|timeout|\b(408|425|429|5\d\d)\b/i.test(raw)) return FAILURE_REASONS.unreachable;
  return FAILURE_REASONS.refused;
}
