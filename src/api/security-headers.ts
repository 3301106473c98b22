/**
 * The security headers every response carries (CSP and the rest of hono's secureHeaders). One
 * definition for the app's own responses and for the `_headers` file of the Workers static
 * assets, so a page served by either tier is held to the same policy.
 */
import type { secureHeaders } from 'hono/secure-headers';

export const SECURITY_HEADERS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    // 'self' covers the service's own ws:/wss: origin too; no other host may be reached.
    connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
};
