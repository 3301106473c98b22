import { describe, expect, it } from 'vitest';
import { acknowledgementDeadline } from '../../src/domain/deadlines.js';
import { SEVERITIES, UNIT_ROLES } from '../../src/domain/enums.js';
import { rulebookSchema } from '../../src/rulebooks/schema.js';
import { testRulebookInput } from './fixtures.js';

const book = rulebookSchema.parse(testRulebookInput());
const notifiedAt = new Date('2026-11-23T08:30:00+08:00');

describe('acknowledgementDeadline', () => {
  for (const role of UNIT_ROLES)
    for (const severity of SEVERITIES)
      it(`${role} × ${severity}: notification time + the rulebook minutes`, () => {
        const minutes = book.ackDeadlineMinutes[role][severity];
        const deadline = acknowledgementDeadline(book, role, severity, notifiedAt);
        expect(deadline.getTime() - notifiedAt.getTime()).toBe(minutes * 60_000);
      });

  it.each([
    ['lead', 'extraordinary', '2026-11-23T00:45:00.000Z'],
    ['lead', 'general', '2026-11-23T01:30:00.000Z'],
    ['support', 'major', '2026-11-23T01:30:00.000Z'],
    ['inform', 'general', '2026-11-24T00:30:00.000Z'],
  ] as const)('%s × %s → %s', (role, severity, iso) => {
    expect(acknowledgementDeadline(book, role, severity, notifiedAt).toISOString()).toBe(iso);
  });

  it('uses the given book, not a fixed table', () => {
    const input = testRulebookInput();
    const other = rulebookSchema.parse({
      ...input,
      ackDeadlineMinutes: { ...input.ackDeadlineMinutes, support: { general: 7, major: 5, extraordinary: 3 } },
    });
    expect(acknowledgementDeadline(other, 'support', 'major', notifiedAt).getTime() - notifiedAt.getTime()).toBe(5 * 60_000);
  });

  it('crosses midnight and keeps seconds and milliseconds', () => {
    const t = new Date('2026-12-31T23:59:30.250Z');
    expect(acknowledgementDeadline(book, 'inform', 'major', t).toISOString()).toBe('2027-01-01T03:59:30.250Z');
  });

  it('returns a new Date and leaves the notification time alone', () => {
    const t = new Date(notifiedAt);
    const d = acknowledgementDeadline(book, 'lead', 'major', t);
    expect(d).not.toBe(t);
    expect(t.getTime()).toBe(notifiedAt.getTime());
  });
});
