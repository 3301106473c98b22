/**
 * How many messages one socket may send: a token bucket. A phone sends a `resume` when it
 * reconnects and an acknowledgement when a person taps, so a few a second is generous; a client
 * looping on `resume` or acknowledgements would otherwise turn each message into database work.
 */
export interface MessageBudget {
  /** Messages that may be sent now, fractional while refilling. */
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

export const MESSAGE_BURST = 30;
export const MESSAGES_PER_SECOND = 10;

export const fullBudget = (now: number): MessageBudget => ({ tokens: MESSAGE_BURST, at: now });

export type BudgetDecision = { allowed: true; budget: MessageBudget } | { allowed: false; budget: MessageBudget; retryAfterMs: number };

/** Spends one message, or says how long until one may be sent. */
export function spendMessage(budget: MessageBudget, now: number): BudgetDecision {
  const at = Math.max(now, budget.at);
  const tokens = Math.min(MESSAGE_BURST, budget.tokens + ((at - budget.at) * MESSAGES_PER_SECOND) / 1000);
  if (tokens >= 1) return { allowed: true, budget: { tokens: tokens - 1, at } };
  return { allowed: false, budget: { tokens, at }, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / MESSAGES_PER_SECOND) };
}
