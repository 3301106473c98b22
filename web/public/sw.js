/*
 * 联防 service worker: keeps the liaison page (/m) usable offline, and shows Web Push
 * notifications whose 签收 action acknowledges through the message's signed one-tap link.
 */
const SHELL = 'lianfang-shell-v1';
const DATA = 'lianfang-data-v1';

self.addEventListener('install', (event) => {
  // Cache the page and every asset it references, so it opens with no network at all.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const res = await fetch('/m', { cache: 'no-store' });
      if (!res.ok) return;
      const html = await res.clone().text();
      await cache.put('/m', res);
      const assets = [...html.matchAll(/(?:src|href)="(\/(?:assets\/[^"]+|manifest\.webmanifest|icon\.svg|favicon\.svg))"/g)].map((m) => m[1]);
      await cache.addAll([...new Set(assets)]);
    })().then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL && key !== DATA) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/'))) {
    event.respondWith(networkFirst(request, SHELL, '/m'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname === '/api/v1/inbox' || url.pathname === '/api/v1/auth/me') {
    // The last inbox seen, when the network is gone; the page says it is offline.
    event.respondWith(networkFirst(request, DATA));
  }
});

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key ?? request, res.clone());
    return res;
  } catch (err) {
    const cached = await cache.match(key ?? request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: '联防', body: event.data ? event.data.text() : '' };
  }
  const url = data.acknowledgeUrl;
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(data.title || '联防：新的事故通知', {
        body: data.body || '',
        tag: data.tag,
        renotify: true,
        requireInteraction: true,
        icon: '/icon.svg',
        data: { acknowledgeUrl: url, notificationId: data.notificationId, taskId: data.taskId, standingRequestId: data.standingRequestId },
        actions: url ? [{ action: 'acknowledge', title: '签收' }, { action: 'open', title: '查看' }] : [],
      }),
      url ? report(url, 'delivered') : Promise.resolve(),
    ]),
  );
});

function report(url, stage) {
  return fetch(`${url}/receipt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stage }) }).catch(() => {});
}

/** The notification's 签收 action: posts the signed link, then says how it went. */
function acknowledgeFromNotification(acknowledgeUrl) {
  return fetch(acknowledgeUrl, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' })
    .then((res) => res.json().then((body) => ({ ok: res.ok, body })))
    .then(({ ok, body }) =>
      self.registration.showNotification(ok ? '已签收' : '签收未成功', {
        body: ok ? (body.alreadyAcknowledged ? `本单位已由${body.notification.acknowledgedByName || '他人'}签收` : '签收已记录') : body.detail || '请打开联防重试',
        tag: 'ack-result',
        icon: '/icon.svg',
      }),
    )
    .catch(() => self.registration.showNotification('签收未成功', { body: '网络不可用，请打开联防重试', tag: 'ack-result' }));
}
// Reachable from DevTools (and the end-to-end test), which cannot click a notification's action button.
self.acknowledgeFromNotification = acknowledgeFromNotification;

self.addEventListener('notificationclick', (event) => {
  const { acknowledgeUrl, taskId, standingRequestId } = event.notification.data || {};
  event.notification.close();
  // A task message opens its task on the phone page; a joint meeting request its card.
  const target = taskId ? `/m?task=${encodeURIComponent(taskId)}` : standingRequestId ? `/m?standing=${encodeURIComponent(standingRequestId)}` : '/m';
  if (event.action === 'acknowledge' && acknowledgeUrl) {
    event.waitUntil(acknowledgeFromNotification(acknowledgeUrl));
    return;
  }
  event.waitUntil(
    (async () => {
      if (acknowledgeUrl) await report(acknowledgeUrl, 'read');
      const windows = await self.clients.matchAll({ type: 'window' });
      const open = windows.find((w) => new URL(w.url).pathname.startsWith('/m'));
      if (open && (taskId || standingRequestId)) return ((await open.navigate(target).catch(() => null)) ?? open).focus();
      if (open) return open.focus();
      return self.clients.openWindow(target);
    })(),
  );
});
