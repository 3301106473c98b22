/** Closing a 督办 alert again is the closing recorded only when it says the same. Pure. */
import { describe, expect, it } from 'vitest';
import { repeatsAlertResolution } from '../../src/domain/alert-resolution.js';

describe('closing an alert again', () => {
  it('repeats the closing only of a closed alert with the same resolution', () => {
    const closed = { resolvedAt: new Date('2026-12-04T02:00:00Z'), resolution: '已电话督促' };
    expect(repeatsAlertResolution(closed, '已电话督促')).toBe(true);
    expect(repeatsAlertResolution(closed, '另行处理')).toBe(false);
    expect(repeatsAlertResolution({ resolvedAt: null, resolution: null }, '已电话督促')).toBe(false);
  });
});
