/**
 * The unit's task list on the phone: loaded over REST once the inbox has set the stream's
 * watermark, kept current by the same event stream (live and resumed events fold in by version,
 * so the order of snapshot and events does not matter), and cached to open offline.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, get } from '../lib/api.js';
import type { UnitCataloguedEvent } from '../../../src/contract/events.js';
import { actionRequest, applyTaskEvents, mergeTasks, tasksMissingIncident, upsertTask, type Task, type TaskAction } from './tasks.js';

const TASKS_KEY = 'lianfang.m.tasks';

/** A key per submission: a retry after a lost answer is recognised by the server, never applied twice. */
export function newIdempotencyKey(): string {
  return `m-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function cached(): Task[] {
  try {
    return JSON.parse(localStorage.getItem(TASKS_KEY) ?? '[]') as Task[];
  } catch {
    return [];
  }
}

export function useTasks() {
  const [tasks, setTasks] = useState<Task[]>([]);
  const [loaded, setLoaded] = useState(false);
  const fetching = useRef(new Set<string>());

  useEffect(() => {
    if (loaded) localStorage.setItem(TASKS_KEY, JSON.stringify(tasks.slice(0, 100)));
  }, [tasks, loaded]);

  /** The unit's tasks; offline, the ones last seen. Resolves to whether the network answered. */
  const load = async (): Promise<boolean> => {
    let snapshot: Task[];
    let online = true;
    try {
      snapshot = (await get<{ tasks: Task[] }>('/api/v1/tasks')).tasks;
    } catch (err) {
      if (!(err instanceof ApiError && err.network)) throw err;
      snapshot = cached();
      online = false;
    }
    setTasks((current) => mergeTasks(current, snapshot));
    setLoaded(true);
    return online;
  };

  /** Fetches one task afresh; resolves false when this unit may no longer see it (e.g. handed to another unit). */
  const refresh = async (id: string): Promise<boolean> => {
    if (fetching.current.has(id)) return true;
    fetching.current.add(id);
    try {
      const { task } = await get<{ task: Task }>(`/api/v1/tasks/${encodeURIComponent(id)}`);
      setTasks((current) => upsertTask(current, task));
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setTasks((current) => current.filter((t) => t.id !== id));
        return false;
      }
      throw err;
    } finally {
      fetching.current.delete(id);
    }
  };

  // A task handed over from another unit arrives as task.updated without its incident: fetch it.
  useEffect(() => {
    for (const id of tasksMissingIncident(tasks)) refresh(id).catch(() => {});
  }, [tasks]);

  const apply = (events: UnitCataloguedEvent[]) => setTasks((current) => applyTaskEvents(current, events));

  /** Sends one action; a refusal (409: the task moved on meanwhile) refreshes the task before it is shown. */
  const act = async (task: Task, action: TaskAction, text: string, idempotencyKey: string): Promise<void> => {
    const { body } = actionRequest(action, text);
    try {
      const result = await api<{ task: Task }>('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/${action}`, {
        body,
        headers: { 'idempotency-key': idempotencyKey },
      });
      setTasks((current) => upsertTask(current, result.task));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) await refresh(task.id).catch(() => {});
      throw err;
    }
  };

  return { tasks, loaded, load, refresh, apply, act };
}
