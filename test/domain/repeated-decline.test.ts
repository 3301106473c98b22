/** A decline sent again is the one recorded only when it says the same; anything else is refused. Pure. */
import { describe, expect, it } from 'vitest';
import { repeatsDecline } from '../../src/domain/declines.js';

describe('a decline sent again', () => {
  it('repeats the recorded one only when the notification is declined with the same reason', () => {
    expect(repeatsDecline({ state: 'declined', declineReason: '不在监管范围' }, '不在监管范围')).toBe(true);
    expect(repeatsDecline({ state: 'declined', declineReason: '不在监管范围' }, '另一个理由')).toBe(false);
    for (const state of ['pending', 'acknowledged', 'superseded']) expect(repeatsDecline({ state, declineReason: null }, '不在监管范围')).toBe(false);
  });
});
