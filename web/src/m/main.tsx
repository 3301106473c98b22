/**
 * The liaison's phone page (/m): its own entry, free of the desk's code, so it loads fast on a
 * weak network; a service worker keeps it working offline and shows Web Push notifications.
 */
import { render } from 'preact';
import { App, type Me } from './App.js';
import { claimPhoneData } from './phone-store.js';
import './m.css';

const root = document.getElementById('app')!;

async function main(): Promise<void> {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  let me: Me;
  try {
    const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    if (res.status === 401) {
      // The query survives login: a task link (`/m?task=<id>`) still opens its task afterwards.
      location.replace(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    me = (await res.json()) as Me;
    if ((me as Me & { mustChangePassword?: boolean }).mustChangePassword) {
      // An administrator reset the password: the change form first, then back here.
      location.replace('/login?change=1&next=/m');
      return;
    }
    // Someone else's inbox, tasks or queued actions are never shown or sent as this person.
    await claimPhoneData(me.id);
    localStorage.setItem('lianfang.m.me', JSON.stringify(me));
  } catch {
    // Offline: open with who was here last; the outbox keeps what is done until the network returns.
    const cached = localStorage.getItem('lianfang.m.me');
    if (!cached) {
      root.textContent = '网络不可用，请联网后登录';
      return;
    }
    me = JSON.parse(cached) as Me;
  }
  root.textContent = '';
  render(<App me={me} />, root);
}

void main();
