/**
 * What a service account's API key may do. A key opens only the routes of its scopes; everything
 * else is refused, whatever the account's role would allow. The account's jurisdiction still limits
 * which incidents those routes reach (decisions in this folder).
 */
export const API_SCOPES = ['reports:file', 'incidents:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Shown to administrators next to each scope. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'reports:file': '报告事故（初报、续报、终报及其分送预览）',
  'incidents:read': '查看本辖区事故及其进展',
};

interface Operation {
  method: string;
  /** Matched against the request path under /api/v1. */
  path: RegExp;
}

const ID = '[^/]+';
const OPERATIONS: Record<ApiScope, Operation[]> = {
  'reports:file': [
    { method: 'POST', path: /^\/incidents$/ },
    { method: 'POST', path: new RegExp(`^/incidents/${ID}/reports$`) },
    { method: 'POST', path: /^\/routing\/preview$/ },
    { method: 'GET', path: /^\/jurisdictions$/ },
    { method: 'GET', path: new RegExp(`^/jurisdictions/${ID}/units$`) },
  ],
  'incidents:read': [
    { method: 'GET', path: /^\/incidents$/ },
    { method: 'GET', path: new RegExp(`^/incidents/${ID}$`) },
    { method: 'GET', path: new RegExp(`^/incidents/${ID}/events$`) },
    { method: 'GET', path: /^\/jurisdictions$/ },
    { method: 'GET', path: new RegExp(`^/jurisdictions/${ID}/units$`) },
  ],
};

/** Open to any key: who am I. */
const ALWAYS: Operation[] = [{ method: 'GET', path: /^\/auth\/me$/ }];

/** Whether a key with these scopes may call `method path` (path relative to /api/v1). */
export function apiKeyPermits(scopes: readonly ApiScope[], method: string, path: string): boolean {
  const allowed = [...ALWAYS, ...scopes.flatMap((s) => OPERATIONS[s] ?? [])];
  return allowed.some((op) => op.method === method.toUpperCase() && op.path.test(path));
}

/** Whether the actor may use an operation of this scope: people are not limited by scopes. */
export function withinScope(actor: { scopes?: readonly ApiScope[] }, scope: ApiScope): boolean {
  return !actor.scopes || actor.scopes.includes(scope);
}
