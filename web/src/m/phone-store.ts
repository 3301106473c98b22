/**
 * What the phone keeps of its person: the inbox, the tasks, who they are, the offline outbox
 * (localStorage, `lianfang.m.*`) and the service worker's copies of API answers. It belongs to one
 * person: it is wiped when they log out, and when someone else's session opens the page.
 */
const PREFIX = 'lianfang.m.';
const OWNER_KEY = `${PREFIX}owner`;
/** The service worker's cache of API answers (web/public/sw.js); the page shell holds nothing personal. */
const API_DATA_CACHE = /^lianfang-data-/;

export async function clearPhoneData(): Promise<void> {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  if ('caches' in window) for (const name of await caches.keys()) if (API_DATA_CACHE.test(name)) await caches.delete(name);
}

/**
 * Marks the stored data as this person's; if it was someone else's (a session that ended without
 * logging out), it is wiped first — their queued actions cannot be sent as them any more, and
 * must never be sent as this person.
 */
export async function claimPhoneData(userId: string): Promise<void> {
  const owner = localStorage.getItem(OWNER_KEY);
  if (owner !== userId) {
    await clearPhoneData();
    localStorage.setItem(OWNER_KEY, userId);
  }
}

/** Stops this browser's Web Push for the person: the next person must not get their messages. */
export async function dropPushSubscription(removeOnServer: (endpoint: string) => Promise<void>): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager?.getSubscription();
  if (!subscription) return;
  await removeOnServer(subscription.endpoint).catch(() => {});
  await subscription.unsubscribe().catch(() => false);
}
