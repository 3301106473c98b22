/** 我的通知渠道: the liaison's own phone (SMS) and push subscriptions, added and removed here. */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, get, post } from '../lib/api.js';

interface ContactPoint {
  id: string;
  channel: string;
  provider: string;
  address: string;
}

const CHANNEL = { sms: '短信', web_push: '推送', robot: '群机器人' } as Record<string, string>;

export function Channels({ onClose }: { onClose(): void }) {
  const [points, setPoints] = useState<ContactPoint[]>([]);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');
  const load = () => get<{ contactPoints: ContactPoint[] }>('/api/v1/me/contact-points').then((r) => setPoints(r.contactPoints), (e) => setError(describeError(e)));
  useEffect(() => void load(), []);
  return (
    <section class="card channels" aria-labelledby="channels-title">
      <h2 id="channels-title">我的通知渠道</h2>
      <ul>
        {points.map((p) => (
          <li key={p.id}>
            {CHANNEL[p.channel] ?? p.channel}：{p.channel === 'web_push' ? '本机浏览器' : p.address}{' '}
            <button type="button" onClick={() => api('DELETE', `/api/v1/me/contact-points/${p.id}`).then(load, (e) => setError(describeError(e)))}>
              删除
            </button>
          </li>
        ))}
        {points.length === 0 && <li>尚未设置短信或推送。</li>}
      </ul>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          setError('');
          post('/api/v1/me/phones', { phone: phone.trim() }).then(
            () => (setPhone(''), load()),
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
