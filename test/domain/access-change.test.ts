import { describe, expect, it } from 'vitest';
import { accessEnding, sameAccess } from '../../src/domain/access-change.js';

const liaison = { active: true, role: 'liaison', unitId: 'u1', jurisdictionId: 'xinyang' };

describe('which account change ends live access', () => {
  it('deactivation, a role change and a move end it; a phone or duty change does not', () => {
    expect(accessEnding(liaison, { ...liaison, active: false })).toBe('deactivated');
    expect(accessEnding(liaison, { ...liaison, role: 'unit_head' })).toBe('role_changed');
    expect(accessEnding(liaison, { ...liaison, unitId: 'u2' })).toBe('unit_changed');
    expect(accessEnding(liaison, { ...liaison, jurisdictionId: 'anji' })).toBe('unit_changed');
    expect(accessEnding(liaison, { ...liaison })).toBeNull();
    expect(accessEnding({ ...liaison, active: false }, liaison)).toBeNull();
  });

  it('a socket keeps its rooms only while its session is the same person in the same role and unit', () => {
    const joined = { id: 'usr1', role: 'liaison', unitId: 'u1', jurisdictionId: 'xinyang' };
    expect(sameAccess(joined, { ...joined })).toBe(true);
    expect(sameAccess(joined, null)).toBe(false);
    expect(sameAccess(joined, { ...joined, id: 'usr2' })).toBe(false);
    expect(sameAccess(joined, { ...joined, role: 'unit_head' })).toBe(false);
    expect(sameAccess(joined, { ...joined, unitId: 'u2' })).toBe(false);
  });
});
