/**
 * PostgreSQL binds at most 65,535 parameters in one statement, and drizzle binds one per column
 * of each row: a multi-row insert whose size the data decides (a delivery per push subscription,
 * a receipt per device) is written in chunks that stay under the limit, in the same transaction.
 */
import { getTableColumns, type Table } from 'drizzle-orm';

const MAX_PARAMETERS = 65_535;

/** `rows` split so that inserting each part into `table` binds no more parameters than allowed. */
export function insertChunks<T>(table: Table, rows: readonly T[]): T[][] {
  const perRow = Math.max(1, Object.keys(getTableColumns(table)).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
