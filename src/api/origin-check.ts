/**
 * Whether a browser request carrying the session cookie comes from the service's own pages. The
 * cookie is sent by the browser whatever page asks, so a page on another origin (another port of
 * the same host included) must be refused before the cookie is believed. Allowed: the service's
 * own origin (PUBLIC_URL), ALLOWED_ORIGINS, and — only when PUBLIC_URL is not configured — the
 * origin the request itself addressed (Host). No Origin header means no cross-origin browser
 * request (browsers always send it cross-origin), unless Sec-Fetch-Site says otherwise.
 */
export interface OriginPolicy {
  /** The service's own origin and the configured extra ones, e.g. https://lianfang.example.gov.cn */
  allowed(): readonly string[];
  /** PUBLIC_URL not configured: the addressed origin (scheme + Host) is the service's own. */
  trustHost: boolean;
}

export interface OriginFacts {
  origin: string | null | undefined;
  secFetchSite?: string | null;
  /** The origin the request addressed: its scheme (as the client used it) and its Host header. */
  addressed: string | null;
}

/** An origin as a browser serialises it, or null when unreadable ("null", garbage, a path). */
export function canonicalOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Origins from a comma-separated list (ALLOWED_ORIGINS); an unreadable one is a configuration error. */
export function parseOriginList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const origin = canonicalOrigin(e);
      if (!origin || origin !== e.replace(/\/+$/, '')) throw new Error(`ALLOWED_ORIGINS: "${e}" is not an origin (scheme://host[:port])`);
      return origin;
    });
}

export function sameOriginRequest(facts: OriginFacts, policy: OriginPolicy): boolean {
  if (facts.origin === undefined || facts.origin === null) {
    const site = facts.secFetchSite?.toLowerCase();
    return !site || site === 'same-origin' || site === 'none';
  }
  const origin = canonicalOrigin(facts.origin);
  // Browsers send exactly scheme://host[:port]; anything else is not a page of ours.
  if (!origin || origin !== facts.origin) return false;
  const allowed = policy.allowed().map(canonicalOrigin);
  if (allowed.includes(origin)) return true;
  return policy.trustHost && facts.addressed !== null && canonicalOrigin(facts.addressed) === origin;
}
