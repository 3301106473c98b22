/**
 * A database failover under load: the primary dies and its synchronous standby is promoted, while
 * duty officers file and liaisons acknowledge over HTTP. The server is given both hosts
 * (`postgres://…@primary,standby/db?target_session_attrs=primary`), runs as its own process and is
 * never restarted. Meanwhile the answers are 503 problem+json with Retry-After; afterwards the
 * server writes to the new primary, every report and acknowledgement it accepted is there exactly
 * once (retries with the same Idempotency-Key included), and the relay and the engine carry on.
 * Two private clusters (never the machine's server); runs wherever the outage test runs.
 */
import postgres from 'postgres';
import { io as ioClient } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEngineEscalates, expectNothingLostOrDoubled, FilingLoad, waitUntil } from '../support/filing-load.js';
import { freePort } from '../support/ports.js';
import { privatePostgresUnavailable, startPrivatePostgres, startStandby, type PrivatePostgres, type StandbyPostgres } from '../support/private-postgres.js';
import { spawnServer, type ServerProcess } from '../support/process.js';

const onPostgres = !!process.env.DATABASE_URL;
const noPrivateCluster = privatePostgresUnavailable();

describe.skipIf(!onPostgres || !!noPrivateCluster)(`PostgreSQL failing over under load${noPrivateCluster ? ` (skipped: ${noPrivateCluster})` : ''}`, () => {
  let primary: PrivatePostgres | undefined;
  let standby: StandbyPostgres | undefined;
  let node: ServerProcess | undefined;
  let check: postgres.Sql | undefined;
  afterAll(async () => {
    await node?.stop();
    await check?.end({ timeout: 1 });
    await standby?.destroy();
    await primary?.destroy();
  });

  it('serves from the promoted standby without a restart, answers 503 meanwhile, and loses or doubles nothing', async () => {
    // Synchronous replication: a commit is confirmed to the server only once the standby has it.
    primary = await startPrivatePostgres({ settings: ["synchronous_standby_names='*'", 'wal_level=replica'] });
    standby = await startStandby(primary);
    const hosts = `127.0.0.1:${primary.port},127.0.0.1:${standby.port}`;
    node = await spawnServer(
      { DATABASE_URL: `postgres://postgres@${hosts}/postgres?target_session_attrs=primary`, SEED_DEMO: 'true', DATABASE_POOL: '6', LOG_LEVEL: 'warn' },
      await freePort(),
    );
    const load = new FilingLoad(node.url, 6, { title: '主备切换', key: 'failover' });
    await load.start();
    const commander = ioClient(node.url, { auth: { token: await load.login('commander') }, transports: ['websocket'], forceNew: true });
    const seen = new Set<string>();
    commander.on('incident.reported', (envelope: any) => seen.add(envelope.data?.incident?.title ?? envelope.data?.title));
    await new Promise<void>((resolve, reject) => (commander.once('connect', resolve), commander.once('connect_error', reject)));
    const diagnosis = () => `${load.unexpected.slice(-5).join('\n')}\n${node!.output().slice(-3000)}`;

    await waitUntil('reports accepted before the failover', async () => load.accepted.length >= 5, 60_000, diagnosis);
    await primary.stop('immediate');
    const unavailable = load.unavailable;
    await waitUntil('503s while there is no primary', async () => load.unavailable >= unavailable + 4 || node!.child.exitCode !== null, 60_000, diagnosis);
    expect(node.child.exitCode, node.output()).toBeNull();
    await standby.promote();
    const during = load.accepted.length;
    await waitUntil('serving from the new primary', async () => load.accepted.length > during + 3 || node!.child.exitCode !== null, 60_000, diagnosis);
    expect(node.child.exitCode, node.output()).toBeNull();

    check = postgres(standby.url, { max: 1, onnotice: () => {} });
    await expectNothingLostOrDoubled(load, check);

    // The relay reaches sockets from the new primary...
    const last = await load.fileOne('主备切换-之后');
    await waitUntil('the relay delivering after the failover', async () => seen.has(last.title), 60_000, diagnosis);
    // ...and the engine takes due steps there: every open acknowledgement timer is now due.
    await expectEngineEscalates(check, last.id, 'the engine escalating after the failover', diagnosis);
    commander.close();
    expect(node.child.exitCode).toBeNull();
  }, 400_000);
});
