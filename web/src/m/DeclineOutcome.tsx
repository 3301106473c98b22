/** What became of this unit's 退回: still with the commanders, confirmed, or reassigned — by whom and why. */
import { formatTime } from '../lib/time.js';
import type { Item } from './InboxCard.js';

export function DeclineOutcome({ item }: { item: Item }) {
  return (
    <div class="declined-note">
      <p>已退回：{item.declineReason}</p>
      {!item.declineResolution && <p role="status">等待指挥长处理</p>}
      {item.declineResolution && (
        <p role="status" class="decline-outcome">
          {item.declineResolvedByName ?? '指挥长'}
          {item.declineResolution === 'confirmed' ? '已确认退回' : '已改派其他单位承办'}
          {item.declineResolutionReason ? `：${item.declineResolutionReason}` : ''}
          {item.declineResolvedAt ? `（${formatTime(item.declineResolvedAt)}）` : ''}
        </p>
      )}
    </div>
  );
}
