/**
 * `/a/<token>`: the one-tap acknowledgement link carried by SMS and Web Push (a person's own
 * channels). GET only shows and records nothing (link previews must not acknowledge or count as
 * read); POST — the person's tap — records the read and acknowledges as the link's person. JSON
 * callers (the service worker) get JSON; browsers get the page. Repeats are harmless.
 * `/g/<token>`: the unit link a group robot carries (see services/links/unit-links.ts).
 */
import { Hono } from 'hono';
import { DomainError } from '../../services/errors.js';
import { acknowledgeByLink, resolveLink } from '../../services/links/action-links.js';
import { recordDeliveries } from '../../services/notifications/record-delivery.js';
import type { AppEnv } from '../env.js';
import { resolveUnitLink, sendPersonalLink, type PersonalLinkOutcome } from '../../services/links/unit-links.js';
import { acknowledgePage, page, unitLinkPage } from './page.js';

const PERSONAL_LINK_TEXT: Record<PersonalLinkOutcome['outcome'], (name: string) => string> = {
  sent: (name) => `已将${name}本人的签收链接发送到其登记的手机短信或推送，请在本人手机上打开签收。`,
  sent_before: (name) => `${name}本人的签收链接已发送过，请查看本人手机短信或推送；未收到的，请登录联防手机端签收。`,
  no_channel: (name) => `${name}未登记手机号码或推送，请登录联防手机端签收。`,
  not_pending: () => '本通知已签收或已关闭，无需再签收。',
};

function unitPageData(token: string, r: Awaited<ReturnType<typeof resolveUnitLink>>) {
  const n = r.notification;
  return { token, unitName: r.unitName, role: n.role, basis: n.basis, state: n.state, acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null, people: r.people, incident: r.incident };
}

const wantsJson = (accept: string | undefined) => !!accept && accept.includes('application/json') && !accept.includes('text/html');

export function linkRoutes() {
  const router = new Hono<AppEnv>();

  router.get('/a/:token', async (c) => {
    const services = c.get('services');
    const token = c.req.param('token');
    try {
      // Records nothing: chat apps and mail scanners open links to preview them.
      const { user, notification: n, unitName, incident } = await resolveLink(services, services.links.secret, token);
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

  // The unit link of a group message: shows the notice and asks who is acknowledging; records nothing.
  router.get('/g/:token', async (c) => {
    const services = c.get('services');
    const token = c.req.param('token');
    try {
      return c.html(unitLinkPage(unitPageData(token, await resolveUnitLink(services, token))));
    } catch (err) {
      if (err instanceof DomainError) return c.html(page('链接无效', `<p class="warn" role="alert">${err.message}</p>`), err.status as 404);
      throw err;
    }
  });

  // The person picked their name: their own link goes to their own phone, never to the group.
  router.post('/g/:token', async (c) => {
    const services = c.get('services');
    const token = c.req.param('token');
    const type = c.req.header('content-type') ?? '';
    const body = type.includes('form') ? await c.req.parseBody() : type.includes('application/json') ? ((await c.req.json().catch(() => ({}))) as Record<string, unknown>) : {};
    const personId = typeof body.personId === 'string' ? body.personId : '';
    try {
      const { personName, outcome } = await sendPersonalLink(services, token, personId);
      const resolved = await resolveUnitLink(services, token);
      return c.html(unitLinkPage({ ...unitPageData(token, resolved), state: outcome === 'not_pending' ? resolved.notification.state : 'sent' }, { kind: outcome === 'no_channel' ? 'warn' : 'done', text: PERSONAL_LINK_TEXT[outcome](personName) }));
    } catch (err) {
      if (err instanceof DomainError) return c.html(page('无法发送签收链接', `<p class="warn" role="alert">${err.message}</p>`), err.status as 404);
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
