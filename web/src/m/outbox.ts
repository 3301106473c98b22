/**
 * Acknowledgements and declines made while offline are kept in localStorage and sent when the
 * network returns. The server treats a repeated acknowledgement as harmless, so a retry after a
 * lost answer never records a second one: each action is sent until the server has answered it.
 */
import { ApiError, post } from '../lib/api.js';

export interface QueuedAction {
  kind: 'acknowledge' | 'decline';
  notificationId: string;
  note?: string;
  reason?: string;
  queuedAt: string;
}

const KEY = 'lianfang.m.outbox';

export function queued(): QueuedAction[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedAction[];
  } catch {
    return [];
  }
}

function save(list: QueuedAction[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}

export function enqueue(action: QueuedAction): void {
  save([...queued().filter((a) => a.notificationId !== action.notificationId), action]);
}

async function send(action: QueuedAction): Promise<void> {
  const path = `/api/v1/notifications/${encodeURIComponent(action.notificationId)}/${action.kind}`;
  await post(path, action.kind === 'acknowledge' ? (action.note ? { note: action.note } : {}) : { reason: action.reason });
}

let flushing: Promise<number> | null = null;

/** Sends every queued action; keeps those that failed for a network reason. Resolves to how many were sent. */
export function flush(onSent?: (action: QueuedAction, error?: ApiError) => void): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    for (const action of queued()) {
      try {
        await send(action);
        sent++;
        save(queued().filter((a) => a.notificationId !== action.notificationId));
        onSent?.(action);
      } catch (err) {
        if (err instanceof ApiError && !err.retryable) {
          // The server answered and refused (e.g. already declined): drop it and say so.
          save(queued().filter((a) => a.notificationId !== action.notificationId));
          onSent?.(action, err);
        } else break;
      }
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
