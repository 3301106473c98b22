/** Who sees, publishes and reads a bulletin (src/domain/policy/bulletins.ts). */
import { describe, expect, it } from 'vitest';
import { isBulletinPublisher, mayMarkBulletinRead, mayPublishBulletin, mayViewBulletin, mayViewReadReceipts } from '../../src/domain/policy/index.js';

const duty = { role: 'duty_officer', jurisdictionId: 'xinyang', unitId: null } as const;
const anjiDuty = { role: 'duty_officer', jurisdictionId: 'anji', unitId: null } as const;
const liaison = (unitId: string) => ({ role: 'liaison', jurisdictionId: 'xinyang', unitId }) as const;
const jadmin = { role: 'jurisdiction_admin', jurisdictionId: 'xinyang', unitId: null } as const;
const office = { jurisdictionId: 'xinyang', publisherUnitId: null, published: true };
const unitDraft = { jurisdictionId: 'xinyang', publisherUnitId: 'u1', published: false };

describe('bulletin policy', () => {
  it('the office and every member unit publish in their own jurisdiction; an administrator of people does not', () => {
    expect(mayPublishBulletin(duty, 'xinyang')).toBe(true);
    expect(mayPublishBulletin(liaison('u1'), 'xinyang')).toBe(true);
    expect(mayPublishBulletin(anjiDuty, 'xinyang')).toBe(false);
    expect(mayPublishBulletin(jadmin, 'xinyang')).toBe(false);
    expect(mayPublishBulletin({ ...duty, scopes: ['incidents:read'] }, 'xinyang')).toBe(false);
  });
  it('a unit sees a published bulletin only when it was sent to it; a draft only its publisher', () => {
    expect(mayViewBulletin(liaison('u2'), office, true)).toBe(true);
    expect(mayViewBulletin(liaison('u3'), office, false)).toBe(false);
    expect(mayViewBulletin(duty, office, false)).toBe(true);
    expect(mayViewBulletin(anjiDuty, office, false)).toBe(false);
    expect(mayViewBulletin(liaison('u1'), unitDraft, false)).toBe(true);
    expect(mayViewBulletin(duty, unitDraft, false)).toBe(false);
  });
  it('receipts: the publisher and the office; reading: a recipient unit’s people only', () => {
    expect(isBulletinPublisher(liaison('u1'), { ...unitDraft, published: true })).toBe(true);
    expect(mayViewReadReceipts(liaison('u1'), { ...unitDraft, published: true })).toBe(true);
    expect(mayViewReadReceipts(duty, { ...unitDraft, published: true })).toBe(true);
    expect(mayViewReadReceipts(liaison('u2'), office)).toBe(false);
    expect(mayMarkBulletinRead(liaison('u2'), true)).toBe(true);
    expect(mayMarkBulletinRead(duty, true)).toBe(false);
  });
});
