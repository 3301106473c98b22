/**
 * 退出 on the phone: queued actions are sent first; any that cannot be sent are discarded only
 * with the person's consent; then push stops, the session ends and the phone forgets the person.
 */
import { useState } from 'preact/hooks';
import { api, get, post } from '../lib/api.js';
import { flush, queued } from './outbox.js';
import { clearPhoneData, dropPushSubscription } from './phone-store.js';

async function removePushOnServer(endpoint: string): Promise<void> {
  const { contactPoints } = await get<{ contactPoints: { id: string; channel: string; address: string }[] }>('/api/v1/me/contact-points');
  for (const cp of contactPoints ?? []) if (cp.channel === 'web_push' && cp.address === endpoint) await api('DELETE', `/api/v1/me/contact-points/${encodeURIComponent(cp.id)}`);
}

async function finishSignOut(): Promise<void> {
  await dropPushSubscription(removePushOnServer).catch(() => {});
  await post('/api/v1/auth/logout').catch(() => {});
  await clearPhoneData();
  location.replace('/login?next=/m');
}

export function SignOut({ onOutboxChange }: { onOutboxChange: () => void }) {
  const [unsent, setUnsent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    if (queued().length) await flush().catch(() => 0);
    onOutboxChange();
    const left = queued().length;
    if (left) {
      setUnsent(left);
      setBusy(false);
      return;
    }
    await finishSignOut();
  };

  return (
    <>
      <button type="button" disabled={busy} onClick={() => void start()}>
        退出
      </button>
      {unsent !== null && (
        <div class="confirm" role="alertdialog" aria-modal="true" aria-labelledby="signout-title" aria-describedby="signout-detail">
          <h2 id="signout-title">还有{unsent}项签收或退回未发送</h2>
          <p id="signout-detail">网络不可用，暂存的操作无法发送。退出后这些操作将被放弃，本机不再保留您的任何内容。</p>
          <div class="confirm-actions">
            <button type="button" class="danger" onClick={() => void finishSignOut()}>
              放弃未发送的操作并退出
            </button>
            <button type="button" autoFocus onClick={() => setUnsent(null)}>
              暂不退出
            </button>
          </div>
        </div>
      )}
    </>
  );
}
