/**
 * Drafts kept in localStorage on every change, so a report survives a reload, a closed tab and a
 * lost connection. Each draft carries the Idempotency-Key its submission will use, made once.
 */
export interface Stored<T> {
  form: T;
  idempotencyKey: string;
  savedAt: string;
  /** Set once a submission was sent: a retry must reuse the key and must not change the facts silently. */
  sentAt?: string;
}

const PREFIX = 'lianfang.draft.v1.';

export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function loadDraft<T>(name: string): Stored<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    return raw ? (JSON.parse(raw) as Stored<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(name: string, draft: Stored<T>): boolean {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(name: string): void {
  try {
    localStorage.removeItem(PREFIX + name);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}
