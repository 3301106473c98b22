/**
 * The authorisation policy: every decision of who may do what, as pure functions of the actor and
 * the facts the caller looked up. One function per decision; services and routes ask here.
 */
export type { PolicyActor } from './actor.js';
export * from './roles.js';
export * from './api-scopes.js';
export * from './incidents.js';
export * from './units.js';
export * from './administration.js';
export * from './sessions.js';
export * from './rota.js';
export * from './bulletins.js';
export * from './standing.js';
