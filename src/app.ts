/**
 * The Hono application, free of Node-only APIs so the same app runs on Node and on Workers.
 * Services reach handlers through the typed context, built by one middleware from the runtime.
 */
import { calendarRoutes } from './api/rota/calendar.js';
import { rotaRoutes } from './api/rota/index.js';
import { voiceRoutes } from './api/voice/index.js';
import { bulletinRoutes } from './api/bulletins/index.js';
import { annualRoutes } from './api/annual/index.js';
import { meetingRoutes } from './api/meetings/index.js';
import { campaignRoutes } from './api/meetings/campaigns.js';
import { proposalRoutes } from './api/meetings/proposals.js';
import { unitReportRoutes } from './api/unit-reports/index.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { streamEventComponents } from './contract/event-payloads.js';
import type { Context } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { SECURITY_HEADERS } from './api/security-headers.js';
import type { z } from 'zod';
import { authRoutes } from './api/auth/index.js';
import { limitRequestBodies } from './api/body-limit.js';
import { guardInputText } from './api/input-guard.js';
import { docsRoutes, type AssetReader } from './api/docs/index.js';
import type { AppContext, AppEnv } from './api/env.js';
import { incidentRoutes } from './api/incidents/index.js';
import { jurisdictionRoutes } from './api/jurisdictions/index.js';
import { notificationRoutes } from './api/notifications/index.js';
import { errorToProblem, problemResponse, validationProblem } from './api/problem.js';
import { routingRoutes } from './api/routing/index.js';
import { contactRoutes } from './api/contacts/index.js';
import { alertRoutes } from './api/alerts/index.js';
import { linkRoutes } from './api/links/index.js';
import { rosterRoutes } from './api/roster/index.js';
import { adminRoutes } from './api/admin/index.js';
import { attachmentRoutes } from './api/attachments/index.js';
import { deskRoutes } from './api/desk/index.js';
import { boardRoutes } from './api/board/index.js';
import { obligationRoutes } from './api/obligations/index.js';
import { taskRoutes } from './api/tasks/index.js';
import { accountRoutes } from './api/incidents/account.js';
import { statisticsRoutes } from './api/statistics/index.js';
import { webRoutes, type WebAssetReader } from './api/web/index.js';
import type { Services } from './services/context.js';
import { clientFacts, TRUST_NOBODY, type ProxyTrust } from './api/client-address.js';
import type { OriginPolicy } from './api/origin-check.js';
import { requestLogging, type RequestObserver } from './observability/request-log.js';
import { operationsRoutes, type Operations } from './observability/routes.js';
import { useChineseMessages } from './contract/zod-messages.js';

export interface AppOptions {
  services: (c: Context) => Services | Promise<Services>;
  /** Round trip to the database, for /healthz. */
  ping: (c: Context) => Promise<void>;
  /** The TCP peer of the request (a proxy, when there is one). */
  peerAddress: (c: AppContext) => string;
  /** Which peers' X-Forwarded-For / X-Forwarded-Proto are believed; default nobody's. */
  proxies?: ProxyTrust;
  /** The origins whose pages may use the session cookie. */
  origins: OriginPolicy;
  docsAsset: AssetReader;
  /** Reads the built web app (web/dist); without it the pages are not served (e.g. on Workers). */
  webAsset?: WebAssetReader;
  /** Told the outcome of every request (the Node server's metrics). */
  observeRequest?: RequestObserver;
  /** /readyz and a protected /metrics. */
  operations?: Operations;
}

export function createApp(options: AppOptions) {
  useChineseMessages();
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error as unknown as z.ZodError, result.target);
    },
  });

  app.use('*', requestId({ limitLength: 128 }));
  app.use('*', requestLogging(options.observeRequest));
  app.use('*', secureHeaders(SECURITY_HEADERS));
  app.use('*', limitRequestBodies());
  app.use('*', guardInputText());
  app.use('*', async (c, next) => {
    c.set('services', await options.services(c));
    c.set('origins', options.origins);
    c.set('client', clientFacts(
      {
        peerAddress: options.peerAddress(c),
        protocol: new URL(c.req.url).protocol,
        forwardedFor: c.req.header('x-forwarded-for'),
        forwardedProto: c.req.header('x-forwarded-proto'),
      },
      options.proxies ?? TRUST_NOBODY,
    ));
    await next();
  });
  // API answers carry a person's data: no browser or proxy cache keeps them.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.onError((err, c) => errorToProblem(c, err));
  app.notFound((c) =>
    problemResponse(c, { type: 'about:blank', title: '未找到 (not found)', status: 404, detail: '没有这个地址，请检查链接', instance: c.req.path }),
  );

  app.get('/healthz', async (c) => {
    try {
      await options.ping(c);
      return c.json({ status: 'ok' });
    } catch {
      return problemResponse(c, { type: 'about:blank', title: '服务暂不可用', status: 503, detail: '无法连接数据库 (database unreachable)' });
    }
  });

  if (options.operations) app.route('/', operationsRoutes(options.operations));

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', authRoutes());
  api.route('/', jurisdictionRoutes());
  api.route('/', routingRoutes());
  api.route('/', incidentRoutes());
  api.route('/', notificationRoutes());
  api.route('/', contactRoutes());
  api.route('/', alertRoutes());
  api.route('/', boardRoutes());
  api.route('/', obligationRoutes());
  api.route('/', taskRoutes());
  api.route('/', accountRoutes());
  api.route('/', statisticsRoutes());
  api.route('/', adminRoutes());
  api.route('/', rosterRoutes());
  api.route('/', deskRoutes());
  api.route('/', attachmentRoutes());
  api.route('/', rotaRoutes());
  api.route('/', unitReportRoutes());
  api.route('/', bulletinRoutes());
  api.route('/', annualRoutes());
  api.route('/', meetingRoutes());
  api.route('/', proposalRoutes());
  api.route('/', campaignRoutes());
  app.route('/api/v1', api);
  app.route('/', linkRoutes());
  app.route('/', calendarRoutes());
  app.route('/', voiceRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  // The event catalogue, published for systems that consume the stream (components.schemas.StreamEvent).
  for (const [name, schema] of Object.entries(streamEventComponents())) app.openAPIRegistry.registerComponent('schemas', name, schema as never);
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '联防 Lianfang API',
      version: '1.0.0',
      description:
        'Occupational-hazard accident notification and interagency coordination. Errors are application/problem+json (RFC 9457). Realtime events arrive over socket.io at /socket.io with the envelope { seq, type, at, jurisdictionId, incidentId, data }; components.schemas.StreamEvent gives the data of every type.',
    },
  });
  app.route('/', docsRoutes(options.docsAsset));
  if (options.webAsset) app.route('/', webRoutes(options.webAsset));
  return app;
}

export type LianfangApp = ReturnType<typeof createApp>;
