/** The current time, re-rendered every `ms`, for deadlines that count down on screen. */
import { useEffect, useState } from 'preact/hooks';

export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
