/** 全部待办 on the phone: everything waiting for the unit, in one list by deadline; unread bulletins last. */
import { describe, expect, it } from 'vitest';
import { unitWaitingList } from '../../web/src/m/unit-waiting.js';

const bulletin = (id: string, publishedAt: string, over: Record<string, unknown> = {}) =>
  ({ id, title: `简报${id}`, state: 'published', readAt: null, unitIds: ['u1'], publishedAt, ...over }) as never;

describe('unitWaitingList', () => {
  it('orders notifications, tasks and standing requests by deadline, then unread bulletins newest first', () => {
    const list = unitWaitingList({
      unitId: 'u1',
      notifications: [
        { id: 'n1', state: 'pending', ackDueAt: '2026-12-03T02:00:00Z', incident: { title: '急性中毒' } },
        { id: 'n2', state: 'acknowledged', ackDueAt: '2026-12-03T01:00:00Z', incident: { title: '已签收' } },
        { id: 'n3', state: 'pending', ackDueAt: '2026-12-03T00:30:00Z', incident: { title: '已结案', status: 'closed' } },
      ],
      tasks: [
        { id: 't1', title: '现场处置', dueAt: '2026-12-03T04:00:00Z', open: true },
        { id: 't2', title: '已办结', dueAt: '2026-12-03T00:10:00Z', open: false },
      ],
      standing: [
        { id: 's1', kind: 'meeting_reply', title: '回复参会人员', dueAt: '2026-12-03T03:00:00Z' },
        { id: 's2', kind: 'annual_submission', title: '2027年度报送', dueAt: '2027-01-15T16:00:00Z' },
      ],
      bulletins: [bulletin('b1', '2026-12-01T00:00:00Z'), bulletin('b2', '2026-12-02T00:00:00Z'), bulletin('b3', '2026-12-02T00:00:00Z', { readAt: '2026-12-02T01:00:00Z' }), bulletin('b4', '2026-12-02T00:00:00Z', { unitIds: ['u2'] })],
    });
    expect(list.map((e) => e.key)).toEqual(['n-n1', 's-s1', 't-t1', 's-s2', 'b-b2', 'b-b1']);
    expect(list[0]).toMatchObject({ view: 'inbox', anchor: '[data-notification-id="n1"]', label: '事故通知待签收' });
    expect(list[2]).toMatchObject({ view: 'tasks', anchor: '[data-task-id="t1"]' });
    expect(list.at(-1)).toMatchObject({ view: 'info', dueAt: null, label: '简报待阅' });
  });

  it('is empty when nothing waits', () => {
    expect(unitWaitingList({ unitId: 'u1', notifications: [], tasks: [], standing: [], bulletins: [] })).toEqual([]);
  });
});
