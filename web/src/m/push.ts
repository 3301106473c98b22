/** Turns on Web Push for this phone: subscribes with the server's VAPID key and registers the subscription. */
import { get, post } from '../lib/api.js';

function keyBytes(base64url: string): Uint8Array {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export async function enablePush(): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('未允许通知权限');
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await get<{ publicKey: string }>('/api/v1/push/public-key');
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) as BufferSource }));
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await post('/api/v1/me/push-subscriptions', { endpoint: json.endpoint, keys: json.keys });
}
