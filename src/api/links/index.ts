/**
 * `/a/<token>`: the one-tap acknowledgement link carried by SMS, robots and Web Push. GET only
 * shows (link previews must not acknowledge); POST acknowledges as the link's person. JSON
 * callers (the service worker) get JSON; browsers get the page. Repeats are harmless.
 */
import { Hono } from 'hono';
import { DomainError } from '../../services/errors.js';
import { acknowledgeByLink, resolveLink } from '../../services/links/action-links.js';
import { recordDeliveries } from '../../services/notifications/record-delivery.js';
import type { AppEnv } from '../env.js';
import { acknowledgePage, page } from './page.js';

const wantsJson = (accept: string | undefined) => !!accept && accept.includes('application/json') && !accept.includes('text/html');

export function linkRoutes() {
  const router = new Hono<AppEnv>();

  router.get('/a/:token', async (c) => {
    const services = c.get('services');
    const token = c.req.param('token');
    try {
      const { user, notification: n, unitName, incident, link } = await resolveLink(services, services.links.secret, token);
      // Opening the link is evidence the message arrived and was read.
      await recordDeliveries(services, [{ notificationId: n.id, userId: user.id, channel: link.channel, at: services.clock(), stage: 'read', deliveryId: link.deliveryId }]);
      return c.html(
        acknowledgePage({
          token,
          personName: user.displayName,
          unitName,
          role: n.role,
          basis: n.basis,
          state: n.state,
          acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
          incident,
        }),
      );
    } catch (err) {
      if (err instanceof DomainError) return c.html(page('链接无效', `<p class="warn" role="alert">${err.message}</p>`), err.status as 404);
      throw err;
    }
  });

  router.post('/a/:token', async (c) => {
    const services = c.get('services');
    const token = c.req.param('token');
    const json = wantsJson(c.req.header('accept'));
    let note: string | undefined;
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/json')) note = ((await c.req.json().catch(() => ({}))) as { note?: unknown }).note as string | undefined;
    else if (type.includes('form')) note = String((await c.req.parseBody()).note ?? '') || undefined;
    if (note !== undefined && (typeof note !== 'string' || note.length > 500))
      throw new DomainError('invalid', '备注不超过500字 (note at most 500 characters)', [{ field: 'note', message: '备注不超过500字' }]);
    try {
      const result = await acknowledgeByLink(services, services.links.secret, token, note?.trim() || undefined);
      if (json) return c.json({ ok: true, ...result });
      const { user, notification: n, unitName, incident } = await resolveLink(services, services.links.secret, token);
      const text = result.alreadyAcknowledged
        ? `本单位已由${result.notification.acknowledgedByName ?? '他人'}于 ${result.notification.acknowledgedAt} 签收，无需重复操作。`
        : `签收成功。已记录为 ${user.displayName} 于 ${result.notification.acknowledgedAt} 签收。`;
      return c.html(
        acknowledgePage(
          { token, personName: user.displayName, unitName, role: n.role, basis: n.basis, state: n.state, acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null, incident },
          { kind: 'done', text },
        ),
      );
    } catch (err) {
      if (err instanceof DomainError && !json) return c.html(page('无法签收', `<p class="warn" role="alert">${err.message}</p>`), err.status as 404);
      throw err;
    }
  });

  // The service worker reports that a push arrived (delivered) or was opened (read).
  router.post('/a/:token/receipt', async (c) => {
    const services = c.get('services');
    const body = (await c.req.json().catch(() => ({}))) as { stage?: unknown };
    if (body.stage !== 'delivered' && body.stage !== 'read')
      throw new DomainError('invalid', '回执阶段须为送达或已读', [{ field: 'stage', message: '回执阶段须为送达或已读' }]);
    const { user, notification: n, link } = await resolveLink(services, services.links.secret, c.req.param('token'));
    await recordDeliveries(services, [{ notificationId: n.id, userId: user.id, channel: link.channel, at: services.clock(), stage: body.stage, deliveryId: link.deliveryId }]);
    return c.body(null, 204);
  });
  return router;
}
