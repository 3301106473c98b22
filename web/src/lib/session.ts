/** The signed-in user (GET /auth/me), logging in and out, and where each role lands. */
import type { z } from 'zod';
import type { loginResponseSchema, userSchema } from '../../../src/contract/api.js';
import type { UserRole } from '../../../src/domain/enums.js';
import { ApiError, get, post } from './api.js';

export type User = z.infer<typeof userSchema>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const LANDING: Record<UserRole, string> = {
  duty_officer: '/duty',
  commander: '/board',
  admin: '/admin',
  liaison: '/m',
  unit_head: '/m',
  jurisdiction_admin: '/admin',
};

/** Which desk pages each role may open (the API enforces the same); a unit head's /admin is its unit's rota. */
export const PAGE_ROLES: Record<'duty' | 'board' | 'admin' | 'meetings' | 'bulletins', readonly UserRole[]> = {
  duty: ['duty_officer', 'commander', 'admin'],
  /** 联席会议: the office runs it (commanders); the commission's other staff follow it. */
  meetings: ['commander', 'duty_officer', 'admin'],
  board: ['commander', 'duty_officer', 'admin'],
  admin: ['admin', 'jurisdiction_admin', 'commander', 'unit_head'],
  // 简报与年度报送: the joint meeting's office (the commission); units work from /m.
  bulletins: ['commander', 'duty_officer', 'admin'],
};

/** The desk pages a role may open, as paths (a link to one survives the login). */
export function deskPagesOf(role: UserRole): string[] {
  return (Object.keys(PAGE_ROLES) as (keyof typeof PAGE_ROLES)[]).filter((page) => PAGE_ROLES[page].includes(role)).map((page) => `/${page}`);
}

/**
 * Where `/` sends a signed-in user. A task link (`/?task=<id>`, as task SMS and pushes carry it)
 * keeps its task, so a liaison lands on `/m?task=<id>` with the task open.
 */
export function landingUrl(role: UserRole, search: string): string {
  const task = new URLSearchParams(search).get('task');
  return task ? `${LANDING[role]}?task=${encodeURIComponent(task)}` : LANDING[role];
}

/** Where `/` sends someone not signed in: the login page, coming back to the task a link names. */
export function loginUrlForLanding(search: string): string {
  const task = new URLSearchParams(search).get('task');
  // The login page follows `next` only to a page of the role's own kind: /m for units.
  return task ? `/login?next=${encodeURIComponent(`/m?task=${encodeURIComponent(task)}`)}` : '/login';
}

export async function currentUser(): Promise<User | null> {
  try {
    return await get<User>('/api/v1/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function logIn(username: string, password: string): Promise<LoginResponse> {
  return post<LoginResponse>('/api/v1/auth/login', { username, password });
}

export async function logOut(): Promise<void> {
  try {
    await post('/api/v1/auth/logout');
  } catch {
    /* the cookie may already be gone; the login page is where we go either way */
  }
  location.assign('/login');
}

export function loginUrl(): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}
