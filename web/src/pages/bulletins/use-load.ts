/** Loads a URL's JSON, with its error and a reload. */
import { useEffect, useState } from 'preact/hooks';
import { describeError, get } from '../../lib/api.js';

export function useLoad<T>(url: string | null): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    get<T>(url)
      .then((d) => live && (setData(d), setError(null)))
      .catch((err) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [url, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}
