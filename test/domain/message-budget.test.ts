import { describe, expect, it } from 'vitest';
import { fullBudget, MESSAGE_BURST, MESSAGES_PER_SECOND, spendMessage, type MessageBudget } from '../../src/domain/message-budget.js';

function spendMany(budget: MessageBudget, count: number, now: number) {
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const decision = spendMessage(budget, now);
    budget = decision.budget;
    if (decision.allowed) allowed++;
  }
  return { allowed, budget };
}

describe('a socket message budget', () => {
  it('allows a burst, then refuses with the wait until the next message', () => {
    const { allowed, budget } = spendMany(fullBudget(0), MESSAGE_BURST + 5, 0);
    expect(allowed).toBe(MESSAGE_BURST);
    const refused = spendMessage(budget, 0);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 1000 / MESSAGES_PER_SECOND });
  });

  it('refills at the steady rate and never above the burst', () => {
    const emptied = spendMany(fullBudget(0), MESSAGE_BURST, 0).budget;
    expect(spendMany(emptied, 100, 1000).allowed).toBe(MESSAGES_PER_SECOND);
    expect(spendMany(emptied, 100, 3_600_000).allowed).toBe(MESSAGE_BURST);
  });

  it('a clock that steps back does not mint messages', () => {
    const emptied = spendMany(fullBudget(10_000), MESSAGE_BURST, 10_000).budget;
    const afterStepBack = spendMessage(emptied, 0);
    expect(afterStepBack.allowed).toBe(false);
    expect(spendMessage(afterStepBack.budget, 10_050).allowed).toBe(false);
  });
});
