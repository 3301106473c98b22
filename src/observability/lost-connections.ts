/**
 * A database restart must not end the process: everything the server owes is in PostgreSQL
 * (timers, the log, queued deliveries) and carries on when the database is back. postgres.js can
 * reject a promise no code of ours holds when a connection dies under it (seen as a raw `read
 * ECONNRESET` while PostgreSQL stops under load), which Node would turn into a crash. Such a
 * rejection is logged and the process goes on; any other unhandled rejection still crashes it,
 * as Node would, because it is a bug.
 */
import { isConnectionLost } from '../db/retry.js';
import { logger } from './logger.js';

export function surviveLostConnections(): void {
  process.on('unhandledRejection', (reason) => {
    if (isConnectionLost(reason)) {
      logger.warn({ err: reason }, 'a database connection was lost under a query nobody awaited; going on');
      return;
    }
    throw reason;
  });
}
