/** The typed Hono context every route sees: services built once per request, and the caller. */
import type { Context } from 'hono';
import type { Actor, Services } from '../services/context.js';

export interface AppEnv {
  Variables: {
    services: Services;
    actor: Actor;
    requestId: string;
  };
}

export type AppContext = Context<AppEnv>;
