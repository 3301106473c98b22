/** What a session may do before its person has replaced a password an administrator reset. */
const OPEN_BEFORE_CHANGE: { method: string; path: string }[] = [
  { method: 'GET', path: '/auth/me' },
  { method: 'POST', path: '/auth/logout' },
  { method: 'POST', path: '/auth/password' },
];

/** Path relative to /api/v1. */
export function mayProceedBeforePasswordChange(method: string, path: string): boolean {
  return OPEN_BEFORE_CHANGE.some((op) => op.method === method.toUpperCase() && op.path === path);
}
