/**
 * 我的通知渠道: the liaison's own phone (SMS) and push subscriptions, added and removed here; each
 * says when it cannot deliver (no SMS provider on this server, a push subscription gone) and its
 * last failure.
 */
import { useEffect, useState } from 'preact/hooks';
import { ChannelHealth, CHANNEL_NAMES as CHANNEL, type ChannelPoint as ContactPoint } from '../components/ChannelHealth.js';
import { api, ApiError, describeError, get, post } from '../lib/api.js';

/** This browser's push subscription endpoint, if it has one. */
async function localPushEndpoint(): Promise<string | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager?.getSubscription();
  return subscription?.endpoint ?? null;
}

export function Channels({ onClose }: { onClose(): void }) {
  const [points, setPoints] = useState<ContactPoint[]>([]);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');
  const [added, setAdded] = useState<ContactPoint | null>(null);
  const [pushGone, setPushGone] = useState(false);
  const load = () =>
    get<{ contactPoints: ContactPoint[] }>('/api/v1/me/contact-points').then(
      async (r) => {
        setPoints(r.contactPoints);
        // A subscription the push service reported gone is removed on the server; this browser still holds it.
        const endpoint = await localPushEndpoint().catch(() => null);
        setPushGone(!!endpoint && !r.contactPoints.some((p) => p.channel === 'web_push' && p.address === endpoint));
      },
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), []);
  return (
    <section class="card channels" aria-labelledby="channels-title">
      <h2 id="channels-title">我的通知渠道</h2>
      <ul>
        {points.map((p) => (
          <li key={p.id}>
            {CHANNEL[p.channel] ?? p.channel}：{p.channel === 'web_push' ? '本机浏览器' : <span data-literal>{p.address}</span>} <ChannelHealth point={p} />{' '}
            <button type="button" onClick={() => api('DELETE', `/api/v1/me/contact-points/${p.id}`).then(load, (e) => setError(describeError(e)))}>
              删除
            </button>
          </li>
        ))}
        {points.length === 0 && <li>尚未设置短信或推送。</li>}
      </ul>
      {pushGone && (
        <p class="message" role="alert">
          本机的推送订阅已失效，无法收到推送，请点“开启推送”重新开启。
        </p>
      )}
      {added?.cannotDeliver && (
        <p class="message" role="alert">
          已保存，但无法发送：{added.cannotDeliver}
        </p>
      )}
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          setError('');
          setAdded(null);
          post<{ contactPoint: ContactPoint }>('/api/v1/me/phones', { phone: phone.trim() }).then(
            (r) => (setPhone(''), setAdded(r.contactPoint), load()),
            (err) => setError((err instanceof ApiError && err.fieldErrors().phone) || describeError(err)),
          );
        }}
      >
        <label for="phone">短信接收手机号</label>
        <input id="phone" inputMode="tel" autoComplete="tel" value={phone} placeholder="13800000000" onInput={(e) => setPhone(e.currentTarget.value)} />
        {error && (
          <p class="message" role="alert">
            {error}
          </p>
        )}
        <button type="submit">添加手机号</button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </form>
    </section>
  );
}
