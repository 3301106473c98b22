/** The server's page settings (map link, demo accounts, attachment limits), fetched once per page. */
import { useEffect, useState } from 'preact/hooks';
import type { ClientSettings } from '../../../src/contract/desk.js';
import { get } from '../lib/api.js';

let loading: Promise<ClientSettings> | undefined;

export function loadClientSettings(): Promise<ClientSettings> {
  loading ??= get<ClientSettings>('/api/v1/client-settings').catch((err) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

export function useClientSettings(): ClientSettings | null {
  const [settings, setSettings] = useState<ClientSettings | null>(null);
  useEffect(() => {
    loadClientSettings().then(setSettings, () => undefined);
  }, []);
  return settings;
}
