/** The report's address as a link to a map (MAP_URL_TEMPLATE; 高德地图 by default), with its coordinates when it has them. */
import { useClientSettings } from './use-client-settings.js';

export const FALLBACK_MAP_TEMPLATE = 'https://uri.amap.com/search?keyword={address}';

export interface Place {
  address: string;
  township?: string;
  lat?: number;
  lng?: number;
}

/** Fills the template; a template that needs coordinates the place lacks falls back to an address search. */
export function mapUrl(template: string, place: Place): string {
  const hasCoords = place.lat !== undefined && place.lng !== undefined;
  const needsCoords = /\{(lat|lng)\}/.test(template);
  const chosen = needsCoords && !hasCoords ? FALLBACK_MAP_TEMPLATE : template;
  const address = [place.address, place.township].filter(Boolean).join(' ');
  return chosen
    .replaceAll('{address}', encodeURIComponent(address))
    .replaceAll('{lat}', String(place.lat ?? ''))
    .replaceAll('{lng}', String(place.lng ?? ''));
}

export function MapLink({ place }: { place: Place }) {
  const settings = useClientSettings();
  const href = mapUrl(settings?.mapUrlTemplate ?? FALLBACK_MAP_TEMPLATE, place);
  return (
    <span class="place">
      <a class="map-link" href={href} target="_blank" rel="noopener noreferrer" aria-label={`在地图上查看：${place.address}（在新窗口打开）`}>
        <span aria-hidden="true">◎ </span>
        {place.address}
        {place.township ? `（${place.township}）` : ''}
      </a>
      {place.lat !== undefined && place.lng !== undefined && (
        <span class="muted small coords">
          {' '}
          北纬{place.lat.toFixed(5)}° 东经{place.lng.toFixed(5)}°
        </span>
      )}
    </span>
  );
}
