/** /m 简报与报送: what waits for the unit, the annual submission (by its deadline) first, then unread bulletins. */
import { describe, expect, it } from 'vitest';
import { waitingItems } from '../../web/src/m/standing-info.js';

const bulletin = (id: string, over: Partial<any> = {}) => ({
  id, jurisdictionId: 'xinyang', kind: 'work_brief', state: 'published', title: id, publisherUnitId: null, publisherName: '联席会议办公室', toAll: false,
  unitIds: ['u'], createdAt: '2026-12-01T00:00:00Z', publishedAt: '2026-12-01T00:00:00Z', publishedByName: null, readAt: null, readCount: null, recipientCount: 1, ...over,
}) as any;
const annual = (filed: boolean) => ({
  jurisdictionId: 'xinyang', year: 2027, dueAt: '2027-01-15T16:00:00Z', opensAt: '2026-11-30T16:00:00Z', basis: { documentClause: '四(三)', quote: '' }, submitted: filed ? 1 : 0,
  units: [{ unitId: 'u', unitName: '甲', standing: filed ? 'on_time' : 'not_due', submission: filed ? ({} as any) : null }],
}) as any;

describe('waiting items on /m', () => {
  it('the annual submission while unfiled, then unread bulletins sent to the unit, newest first', () => {
    const list = waitingItems(annual(false), [bulletin('old'), bulletin('new', { publishedAt: '2026-12-02T00:00:00Z' }), bulletin('read', { readAt: '2026-12-02T01:00:00Z' }), bulletin('draft', { state: 'draft' }), bulletin('own', { unitIds: ['v'] })], 'u');
    expect(list.map((w) => (w.kind === 'annual' ? 'annual' : w.bulletin.id))).toEqual(['annual', 'new', 'old']);
  });
  it('nothing once filed and read; no annual round where the rulebook asks for none', () => {
    expect(waitingItems(annual(true), [bulletin('read', { readAt: '2026-12-02T01:00:00Z' })], 'u')).toEqual([]);
    expect(waitingItems(null, [], 'u')).toEqual([]);
  });
});
