/** `/calendar/<token>.ics`: a person's duty shifts for a phone's calendar; the secret token is the credential. */
import { Hono } from 'hono';
import { calendarFeed } from '../../services/rota/calendar-feed.js';
import type { AppEnv } from '../env.js';

export function calendarRoutes() {
  const router = new Hono<AppEnv>();
  router.get('/calendar/:token', async (c) => {
    const token = c.req.param('token').replace(/\.ics$/, '');
    const body = await calendarFeed(c.get('services'), token);
    return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300', 'content-disposition': 'inline; filename="duty.ics"' });
  });
  return router;
}
