/**
 * On PostgreSQL the pool names drizzle's statements (one round trip each, parsed once per
 * connection). What that must not cost: a statement whose table changed under it (a newer node's
 * migration during a rolling deploy) fails once with "cached plan must not change result type";
 * the transaction it aborted is run again and succeeds, and plain reads go on working.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { settings } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  database = await createTestDatabase();
  // One connection, so the statement prepared before the change is the one run after it.
  handle = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: 'memory://', maxConnections: 1, migrate: true });
  await handle.db.insert(settings).values({ key: 'prepared-test', value: { note: '测试' } }).onConflictDoNothing();
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const readInTransaction = () =>
  handle.db.transaction(async (tx) => (await tx.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.key, 'prepared-test')))[0]?.value.note);
const readOutside = async () => (await handle.db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.key, 'prepared-test')))[0]?.value.note;

describe.skipIf(!process.env.DATABASE_URL)('named statements on PostgreSQL', () => {
  it('are prepared on the connection: the same shape runs named, not once per query', async () => {
    for (let i = 0; i < 3; i++) expect(await readInTransaction()).toBe('测试');
    const rows = await handle.db.execute<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where statement like '%from "settings" where%'` as never);
    expect(Number((rows as unknown as { n: number }[])[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('survive their table changing under them, in a transaction and out of one', async () => {
    expect(await readOutside()).toBe('测试');
    await handle.db.execute(`alter table settings alter column key type varchar(200)` as never);
    try {
      expect(await readInTransaction()).toBe('测试');
      expect(await readOutside()).toBe('测试');
    } finally {
      await handle.db.execute(`alter table settings alter column key type text` as never);
    }
  });
});
