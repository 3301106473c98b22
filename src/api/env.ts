/** The typed Hono context every route sees: services built once per request, and the caller. */
import type { Context } from 'hono';
import type { Actor, Services } from '../services/context.js';
import type { ClientFacts } from './client-address.js';
import type { OriginPolicy } from './origin-check.js';

export interface AppEnv {
  Variables: {
    services: Services;
    actor: Actor;
    requestId: string;
    /** The client's address and whether it came over HTTPS, as the trusted proxies tell it. */
    client: ClientFacts;
    origins: OriginPolicy;
  };
}

export type AppContext = Context<AppEnv>;
