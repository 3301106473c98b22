/**
 * The cron trigger (wrangler.toml `[triggers] crons`): one pass of the same engine the Node
 * servers run — due escalation steps, task and upward-report clocks, housekeeping — and the
 * queued deliveries a Worker can send (group robots: fetch + WebCrypto). Rows are claimed
 * FOR UPDATE SKIP LOCKED exactly as on Node, so overlapping runs, and Node servers running their
 * own engine, never take the same step twice.
 *
 * Left to the Node servers: Web Push (its connection is pinned to addresses checked in the
 * socket's own DNS lookup, which needs node:http/node:dns) and SMS (the providers' Node SDKs).
 * Those deliveries stay queued, untouched, until a Node server's engine claims them.
 */
import type { ChannelAdapters } from '../engine/dispatcher.js';
import { Engine } from '../engine/engine.js';
import type { ContactPoint } from '../delivery/channel.js';
import { DINGTALK_WEBHOOK_HOSTS, DingTalkRobotAdapter } from '../delivery/dingtalk-robot.js';
import { WECOM_WEBHOOK_HOSTS, WeComRobotAdapter } from '../delivery/wecom-robot.js';
import { logger } from '../observability/logger.js';
import { openWorkerDatabase, workerServices, type WorkerEnv } from './env.js';

/** What a Worker can send itself. */
export const WORKER_DELIVERY_PROVIDERS: readonly ContactPoint['provider'][] = ['dingtalk', 'wecom'];

function hosts(value: string | undefined, fallback: string[]): string[] {
  const list = value?.split(',').map((s) => s.trim()).filter(Boolean);
  return list?.length ? list : fallback;
}

export function workerAdapters(env: WorkerEnv): ChannelAdapters {
  return {
    dingtalk: new DingTalkRobotAdapter({ webhookHosts: hosts(env.DINGTALK_WEBHOOK_HOSTS, DINGTALK_WEBHOOK_HOSTS) }),
    wecom: new WeComRobotAdapter({ webhookHosts: hosts(env.WECOM_WEBHOOK_HOSTS, WECOM_WEBHOOK_HOSTS) }),
  };
}

/** One engine pass over the worker's database; returns what it did. */
export async function runScheduledPass(env: WorkerEnv): Promise<{ steps: number; sent: number; housekeeping: number }> {
  const database = openWorkerDatabase(env);
  if (!database) throw new Error('DATABASE_URL or a HYPERDRIVE binding is required');
  try {
    const services = await workerServices(database.db, env);
    // Without a public origin a robot's message would carry links that point nowhere: leave the
    // deliveries to the Node servers (PUBLIC_URL is required there too).
    const providers = env.PUBLIC_URL ? WORKER_DELIVERY_PROVIDERS : [];
    if (!env.PUBLIC_URL) logger.warn('PUBLIC_URL is not set: this cron run takes due steps but sends no deliveries');
    const engine = new Engine(services, workerAdapters(env), undefined, { deliveryProviders: providers });
    const done = await engine.tick();
    logger.info({ ...done }, 'scheduled engine pass');
    return done;
  } finally {
    await database.end();
  }
}
