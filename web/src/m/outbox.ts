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

async function send<T>(action: QueuedAction): Promise<T> {
  const path = `/api/v1/notifications/${encodeURIComponent(action.notificationId)}/${action.kind}`;
  return post<T>(path, action.kind === 'acknowledge' ? (action.note ? { note: action.note } : {}) : { reason: action.reason });
}

function drop(notificationId: string): void {
  save(queued().filter((a) => a.notificationId !== notificationId));
}

let flushing: Promise<number> | null = null;

/**
 * Sends every queued action, each exactly once per flush (one sender: a tap and a reconnect never
 * both post the same action); keeps those that failed for a network reason. An action queued while
 * a flush is under way is sent by that same flush. Resolves to how many were sent.
 */
export function flush<T = unknown>(onSent?: (action: QueuedAction, error?: ApiError, answer?: T) => void): Promise<number> {
  if (flushing) {
    // A flush is already sending: it picks up what was just queued; report to this caller too.
    if (onSent) listeners.push(onSent as Listener);
    return flushing;
  }
  if (onSent) listeners.push(onSent as Listener);
  flushing = (async () => {
    let sent = 0;
    const tried = new Set<string>();
    for (let action; (action = queued().find((a) => !tried.has(a.notificationId))); ) {
      tried.add(action.notificationId);
      try {
        const answer = await send(action);
        sent++;
        drop(action.notificationId);
        for (const l of listeners) l(action, undefined, answer);
      } catch (err) {
        if (err instanceof ApiError && !err.retryable) {
          // The server answered and refused (e.g. already declined): drop it and say so.
          drop(action.notificationId);
          for (const l of listeners) l(action, err);
        } else break;
      }
    }
    return sent;
  })().finally(() => {
    flushing = null;
    listeners = [];
  });
  return flushing;
}

type Listener = (action: QueuedAction, error?: ApiError, answer?: unknown) => void;
let listeners: Listener[] = [];
