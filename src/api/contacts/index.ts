/** 通知渠道: a person's push subscriptions and phone; a unit's group robots; the VAPID key. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  addOwnContactPoint,
  addUnitRobot,
  listOwnContactPoints,
  listUnitContactPoints,
  removeOwnContactPoint,
  removeUnitContactPoint,
} from '../../services/contacts/contact-points.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { secureWebhookAddress } from '../../delivery/channel.js';

const contactPointSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    provider: z.string(),
    address: z.string(),
    label: z.string().nullable(),
    enabled: z.boolean(),
    userId: z.string().nullable(),
    unitId: z.string().nullable(),
    createdAt: z.string(),
    lastFailureAt: z.string().nullable(),
    lastFailureReason: z.string().nullable(),
    cannotDeliver: z.string().nullable().meta({ description: 'Why this channel cannot deliver on this server, known without sending (provider not configured, webhook host not allowed)' }),
  })
  .meta({ id: 'ContactPoint' });

const pushSubscriptionSchema = z
  .object({
    endpoint: z.url({ message: '推送地址须为推送服务的网址' }).max(2000),
    keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
  })
  .meta({ id: 'PushSubscription', description: 'PushSubscription.toJSON() from the browser' });

const phoneSchema = z
  .object({
    phone: z.string().trim().regex(/^(\+86)?1[3-9]\d{9}$/, '手机号格式不正确 (mainland mobile number)'),
    provider: z.enum(['aliyun', 'tencent']).default('aliyun'),
  })
  .meta({ id: 'PhoneContact' });

const robotSchema = z
  .object({
    provider: z.enum(['dingtalk', 'wecom']),
    webhook: z.url().refine(secureWebhookAddress, '群机器人地址须为安全（加密）网址，不含用户名、密码或端口'),
    secret: z.string().min(8).max(200).optional().meta({ description: 'DingTalk 加签 secret' }),
    label: z.string().max(50).optional(),
  })
  .meta({ id: 'UnitRobot' });

const one = z.object({ contactPoint: contactPointSchema });
const many = z.object({ contactPoints: z.array(contactPointSchema) });
const idParam = z.object({ id: z.string().min(1).max(64) });
const unitParam = z.object({ unitId: z.string().min(1).max(64) });

export function contactRoutes() {
  const router = createRouter();
  router.use('/me/*', requireActor);
  router.use('/units/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/push/public-key',
      tags: ['channels'],
      summary: 'VAPID 公钥 The key browsers subscribe to Web Push with',
      responses: { 200: jsonResponse(z.object({ publicKey: z.string() }), 'Base64url VAPID public key') },
    }),
    (c) => c.json({ publicKey: c.get('services').links.vapidPublicKey }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/contact-points',
      tags: ['channels'],
      summary: '我的通知渠道 The caller’s own channels',
      security: bearerSecurity,
      responses: { 200: jsonResponse(many, 'Channels'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await listOwnContactPoints(c.get('services'), c.get('actor')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/push-subscriptions',
      tags: ['channels'],
      summary: '开启推送 Register this browser for Web Push',
      security: bearerSecurity,
      request: { body: jsonBody(pushSubscriptionSchema) },
      responses: { 201: jsonResponse(one, 'Registered'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => {
      const { endpoint, keys } = c.req.valid('json');
      const result = await addOwnContactPoint(c.get('services'), c.get('actor'), { channel: 'web_push', provider: 'webpush', address: endpoint, secret: keys });
      return c.json(result, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/phones',
      tags: ['channels'],
      summary: '短信号码 Receive notifications by SMS on this number',
      security: bearerSecurity,
      request: { body: jsonBody(phoneSchema) },
      responses: { 201: jsonResponse(one, 'Registered'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => {
      const { phone, provider } = c.req.valid('json');
      const normalized = phone.startsWith('+86') ? phone : `+86${phone}`;
      return c.json(await addOwnContactPoint(c.get('services'), c.get('actor'), { channel: 'sms', provider, address: normalized }), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/contact-points/{id}',
      tags: ['channels'],
      summary: '删除通知渠道 Remove one of the caller’s channels',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 204: { description: 'Removed' }, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      await removeOwnContactPoint(c.get('services'), c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/units/{unitId}/contact-points',
      tags: ['channels'],
      summary: '单位群机器人 A unit’s group robots',
      security: bearerSecurity,
      request: { params: unitParam },
      responses: { 200: jsonResponse(many, 'Channels'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => c.json(await listUnitContactPoints(c.get('services'), c.get('actor'), c.req.valid('param').unitId), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/units/{unitId}/robots',
      tags: ['channels'],
      summary: '添加群机器人 Add a DingTalk or WeCom group robot to a unit',
      security: bearerSecurity,
      request: { params: unitParam, body: jsonBody(robotSchema) },
      responses: { 201: jsonResponse(one, 'Added'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const { provider, webhook, secret, label } = c.req.valid('json');
      return c.json(await addUnitRobot(c.get('services'), c.get('actor'), c.req.valid('param').unitId, { provider, address: webhook, secret, label }), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/units/{unitId}/contact-points/{id}',
      tags: ['channels'],
      summary: '删除单位渠道 Remove a unit channel',
      security: bearerSecurity,
      request: { params: unitParam.extend(idParam.shape) },
      responses: { 204: { description: 'Removed' }, 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => {
      const { unitId, id } = c.req.valid('param');
      await removeUnitContactPoint(c.get('services'), c.get('actor'), unitId, id);
      return c.body(null, 204);
    },
  );
  return router;
}
