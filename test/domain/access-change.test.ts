import { describe, expect, it } from 'vitest';
import { accessEnding, sameAccess } from '../../src/domain/access-change.js';
import { accessChangeOf, endsSession } from '../../src/services/auth/access-changes.js';

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

describe('which sockets an access-change row of the log ends', () => {
  it('the sessions it names, or every session of the person on rows written before sessions were named', () => {
    const named = accessChangeOf({ type: 'access.changed', data: { userId: 'usr1', sessionIds: ['ses1', 'ses2'], reason: 'password_changed' } })!;
    expect(endsSession(named, 'usr1', 'ses1')).toBe(true);
    // The session the password change handed back.
    expect(endsSession(named, 'usr1', 'ses3')).toBe(false);
    expect(endsSession(named, 'usr2', 'ses1')).toBe(false);
    const oldLogout = accessChangeOf({ type: 'access.changed', data: { userId: 'usr1', sessionId: 'ses1', reason: 'logout' } })!;
    expect([endsSession(oldLogout, 'usr1', 'ses1'), endsSession(oldLogout, 'usr1', 'ses2')]).toEqual([true, false]);
    const oldDeactivation = accessChangeOf({ type: 'access.changed', data: { userId: 'usr1', sessionId: null, reason: 'deactivated' } })!;
    expect(endsSession(oldDeactivation, 'usr1', 'ses9')).toBe(true);
    expect(accessChangeOf({ type: 'incident.reported', data: { userId: 'usr1' } })).toBeNull();
  });
});
