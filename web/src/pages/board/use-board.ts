/**
 * The board's data: one snapshot of the open incidents and 督办 alerts, then every later event
 * applied live; an event that changes more than it carries (a 续报, a 逐级上报 link) refetches
 * that incident. Catches up by itself after a lost connection (the stream resumes from `lastSeq`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BoardSnapshot } from '../../../../src/contract/admin.js';
import { describeError, get } from '../../lib/api.js';
import { applyEvent, mergeTimeline, modelFromSnapshot, replaceIncident, type IncidentDetail, type IncidentEntry, type Model } from '../../lib/incident-state.js';
import { EventStream, type EventEnvelope, type LinkStatus } from '../../lib/realtime.js';
import { loginUrl } from '../../lib/session.js';

export interface Board {
  model: Model | null;
  jurisdiction: { id: string; name: string } | null;
  error: string | null;
  link: { status: LinkStatus; since?: number };
  lastEventAt?: number;
  /** Open incidents the snapshot left out (it carries the most urgent ones); 0 normally. */
  notLoaded: number;
  /** Loads an incident's timeline the first time its details are shown. */
  showTimeline(id: string): void;
  /** Re-render after a local change (an answer applied to the model). */
  changed(): void;
}

export function useBoard(jurisdictionId: string | undefined): Board {
  const model = useRef<Model | null>(null);
  const [jurisdiction, setJurisdiction] = useState<{ id: string; name: string } | null>(null);
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ status: LinkStatus; since?: number }>({ status: 'connecting' });
  const [lastEventAt, setLastEventAt] = useState<number | undefined>();
  const [notLoaded, setNotLoaded] = useState(0);
  // Timelines are read when a card opens, not for every open incident at once (hundreds on a drill day).
  const timelineLoader = useRef<(id: string) => void>(() => {});
  const rerender = () => setVersion((v) => v + 1);

  useEffect(() => {
    let stream: EventStream | undefined;
    let cancelled = false;
    const refetching = new Set<string>();

    async function refetch(id: string) {
      if (refetching.has(id)) return;
      refetching.add(id);
      try {
        const detail = await get<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}`);
        if (model.current) replaceIncident(model.current, detail);
        rerender();
      } catch {
        /* the next event or reconnect tries again */
      } finally {
        refetching.delete(id);
      }
    }

    async function loadTimeline(entry: IncidentEntry) {
      try {
        const { events } = await get<{ events: EventEnvelope[] }>(`/api/v1/incidents/${encodeURIComponent(entry.id)}/events?limit=500`);
        const current = model.current?.incidents[entry.id];
        if (current) mergeTimeline(current, events);
        rerender();
      } catch {
        /* live events still fill the timeline */
      }
    }

    async function load() {
      try {
        const query = jurisdictionId ? `?jurisdictionId=${encodeURIComponent(jurisdictionId)}` : '';
        const snapshot = await get<BoardSnapshot>(`/api/v1/board${query}`);
        if (cancelled) return;
        model.current = modelFromSnapshot(snapshot);
        setJurisdiction(snapshot.jurisdiction);
        setNotLoaded(Math.max(0, snapshot.openTotal - snapshot.incidents.length));
        const timelinesRead = new Set<string>();
        timelineLoader.current = (id) => {
          const entry = model.current?.incidents[id];
          if (!entry || timelinesRead.has(id)) return;
          timelinesRead.add(id);
          void loadTimeline(entry);
        };
        rerender();
        stream = new EventStream({
          afterSeq: snapshot.lastSeq,
          onEvents(events) {
            const m = model.current;
            if (!m) return;
            const toRefetch = new Set<string>();
            for (const e of events) {
              if (e.jurisdictionId !== snapshot.jurisdiction.id) continue;
              const id = applyEvent(m, e);
              if (id) toRefetch.add(id);
            }
            setLastEventAt(Date.now());
            rerender();
            for (const id of toRefetch) void refetch(id);
          },
          onStatus: (status, detail) => setLink({ status, since: detail?.since }),
          onUnauthorized: () => location.assign(loginUrl()),
        });
        stream.start();
      } catch (err) {
        if (!cancelled) setError(describeError(err));
      }
    }
    void load();
    return () => {
      cancelled = true;
      stream?.stop();
    };
  }, [jurisdictionId]);

  return { model: model.current, jurisdiction, error, link, lastEventAt, notLoaded, showTimeline: (id) => timelineLoader.current(id), changed: rerender };
}
