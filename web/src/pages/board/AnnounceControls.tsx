/** The board's sound and desktop-notification switches, in the header. */
import type { Announcer } from './use-announcer.js';

export function AnnounceControls({ announcer }: { announcer: Announcer }) {
  return (
    <span class="announce-controls">
      <button type="button" class="btn btn-small" aria-pressed={!announcer.muted} onClick={() => announcer.setMuted(!announcer.muted)}>
        <span aria-hidden="true">{announcer.muted ? '○ ' : '● '}</span>
        {announcer.muted ? '提示音已关闭' : '提示音已开启'}
      </button>
      {typeof Notification !== 'undefined' && !announcer.notificationsAllowed && Notification.permission !== 'denied' && (
        <button type="button" class="btn btn-small" onClick={announcer.askNotifications}>
          开启桌面通知
        </button>
      )}
    </span>
  );
}
