/**
 * A wall display is not always watched: a new incident announces itself with a short tone (made
 * with Web Audio, no file to fetch; can be muted), a browser notification when permitted, and the
 * page title 「(1) 新事故 — 联防指挥看板」 until someone touches the page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IncidentEntry } from '../../lib/incident-state.js';

export const BOARD_TITLE = '联防指挥看板';
const MUTE_KEY = 'lianfang.board.muted';

export interface Announcer {
  unseen: IncidentEntry[];
  muted: boolean;
  setMuted(muted: boolean): void;
  notificationsAllowed: boolean;
  askNotifications(): void;
  /** Marks every announced incident as seen. */
  seen(): void;
}

let audio: AudioContext | undefined;

/** Two short rising beeps; silent if the browser has not allowed audio yet. */
export function playTone(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime + 0.02;
    for (const [i, freq] of [660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.25);
      osc.stop(start + i * 0.25 + 0.22);
    }
  } catch {
    /* no audio on this device: the title and the banner still announce */
  }
}

export function useAnnouncer(incidents: IncidentEntry[] | null): Announcer {
  const known = useRef<Set<string> | null>(null);
  const [unseen, setUnseen] = useState<IncidentEntry[]>([]);
  const [muted, setMutedState] = useState(() => localStorage.getItem(MUTE_KEY) === '1');
  const [allowed, setAllowed] = useState(() => typeof Notification !== 'undefined' && Notification.permission === 'granted');

  useEffect(() => {
    if (!incidents) return;
    // The first snapshot is what was already there; only later arrivals are news.
    if (!known.current) {
      known.current = new Set(incidents.map((e) => e.id));
      return;
    }
    const fresh = incidents.filter((e) => !known.current!.has(e.id));
    if (fresh.length === 0) return;
    for (const e of fresh) known.current.add(e.id);
    setUnseen((u) => [...u, ...fresh]);
    if (!muted) playTone();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const e of fresh) {
        try {
          new Notification(`${e.incident.drill ? '【演练】' : ''}新事故：${e.incident.title}`, { body: `${e.incident.ref} · 请查看指挥看板`, tag: e.id });
        } catch {
          /* some browsers allow notifications only from a service worker */
        }
      }
    }
  });

  useEffect(() => {
    document.title = unseen.length ? `(${unseen.length}) 新事故 — ${BOARD_TITLE}` : BOARD_TITLE;
  }, [unseen.length]);

  const seen = () => setUnseen([]);
  useEffect(() => {
    if (unseen.length === 0) return;
    // On click, not pointerdown: the banner leaving must not move a button out from under the click.
    const onTouch = () => seen();
    document.addEventListener('click', onTouch);
    document.addEventListener('keydown', onTouch);
    return () => {
      document.removeEventListener('click', onTouch);
      document.removeEventListener('keydown', onTouch);
    };
  }, [unseen.length]);

  return {
    unseen,
    muted,
    setMuted(m) {
      localStorage.setItem(MUTE_KEY, m ? '1' : '0');
      setMutedState(m);
      if (!m) playTone();
    },
    notificationsAllowed: allowed,
    askNotifications() {
      if (typeof Notification === 'undefined') return;
      void Notification.requestPermission().then((p) => setAllowed(p === 'granted'));
    },
    seen,
  };
}
