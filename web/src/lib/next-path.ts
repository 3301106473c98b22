/**
 * Where the login page may send someone afterwards. `next` is resolved as a URL against our own
 * origin, as the browser would resolve it, and followed only if it stays on this origin — never
 * judged by its prefix (`/\evil` and `/<tab>/evil` start with "/" and still leave the site). The
 * answer is the URL's own path, so what is followed is exactly what was checked.
 */
export function sameOriginNext(next: string | null, origin: string): string | null {
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * The phone page for unit members, the desk pages for the commission: `next` must be of the role's
 * kind, or one of the desk pages the role may open besides (a unit head's /admin, its 值班表).
 */
export function loginDestination(next: string | null, origin: string, landing: string, deskPages: readonly string[] = []): string {
  const path = sameOriginNext(next, origin);
  if (!path) return landing;
  const pathname = new URL(path, origin).pathname;
  const isPhone = pathname === '/m' || pathname.startsWith('/m/');
  if (isPhone === (landing === '/m')) return path;
  return deskPages.some((p) => pathname === p || pathname.startsWith(`${p}/`)) ? path : landing;
}
