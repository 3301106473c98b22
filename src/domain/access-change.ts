/**
 * Which change to an account ends its open sessions' live access. A socket joined rooms for the
 * person it authenticated as; once the person is deactivated, moved to another unit or given
 * another role, those rooms are wrong and the socket must reconnect as who the person is now.
 */
export interface AccountAccess {
  active: boolean;
  role: string;
  unitId: string | null;
  jurisdictionId: string | null;
}

export type AccessEnding = 'deactivated' | 'role_changed' | 'unit_changed';

export function accessEnding(before: AccountAccess, after: AccountAccess): AccessEnding | null {
  if (before.active && !after.active) return 'deactivated';
  if (before.role !== after.role) return 'role_changed';
  if (before.unitId !== after.unitId || before.jurisdictionId !== after.jurisdictionId) return 'unit_changed';
  return null;
}

/** Whether the identity a socket joined with still matches the session's current one. */
export function sameAccess(joined: Omit<AccountAccess, 'active'> & { id: string }, now: (Omit<AccountAccess, 'active'> & { id: string }) | null): boolean {
  return (
    now !== null && now.id === joined.id && now.role === joined.role && now.unitId === joined.unitId && now.jurisdictionId === joined.jurisdictionId
  );
}
