/** A decline, or a commander's resolution of one, sent again is the one recorded only when it says the same; anything else is refused. Pure. */
import { describe, expect, it } from 'vitest';
import { repeatsDecline, repeatsDeclineResolution } from '../../src/domain/declines.js';

describe('a decline sent again', () => {
  it('repeats the recorded one only when the notification is declined with the same reason', () => {
    expect(repeatsDecline({ state: 'declined', declineReason: '不在监管范围' }, '不在监管范围')).toBe(true);
    expect(repeatsDecline({ state: 'declined', declineReason: '不在监管范围' }, '另一个理由')).toBe(false);
    for (const state of ['pending', 'acknowledged', 'superseded']) expect(repeatsDecline({ state, declineReason: null }, '不在监管范围')).toBe(false);
  });
});

describe('a resolution of a decline sent again', () => {
  const reassigned = { declineResolution: 'reassigned' as const, declineResolutionReason: '由市场监管局牵头', reassigned: { unitId: 'xy-market', role: 'support' } };
  it('repeats a reassignment only to the same unit, in the same role, for the same reason', () => {
    expect(repeatsDeclineResolution(reassigned, { action: 'reassign', unitId: 'xy-market', role: 'support', reason: '由市场监管局牵头' })).toBe(true);
    expect(repeatsDeclineResolution(reassigned, { action: 'reassign', unitId: 'xy-transport', role: 'support', reason: '由市场监管局牵头' })).toBe(false);
    expect(repeatsDeclineResolution(reassigned, { action: 'reassign', unitId: 'xy-market', role: 'lead', reason: '由市场监管局牵头' })).toBe(false);
    expect(repeatsDeclineResolution(reassigned, { action: 'reassign', unitId: 'xy-market', role: 'support', reason: '另一个理由' })).toBe(false);
    expect(repeatsDeclineResolution(reassigned, { action: 'confirm', reason: '由市场监管局牵头' })).toBe(false);
  });

  it('repeats a confirmation only with the same reason', () => {
    const confirmed = { declineResolution: 'confirmed' as const, declineResolutionReason: '确属无关', reassigned: null };
    expect(repeatsDeclineResolution(confirmed, { action: 'confirm', reason: '确属无关' })).toBe(true);
    expect(repeatsDeclineResolution(confirmed, { action: 'confirm', reason: '另有原因' })).toBe(false);
    expect(repeatsDeclineResolution(confirmed, { action: 'reassign', unitId: 'xy-market', role: 'support', reason: '确属无关' })).toBe(false);
  });
});
