#!/usr/bin/env node
/**
 * Applies the upstream fix for postgres.js 3.4.x's `nextWrite` crash to node_modules/postgres
 * (run by `postinstall`, so `npm ci` applies it; idempotent; plain Node, no dev tools).
 *
 * The defect (porsager/postgres#1066, #1154, #1208; fixes proposed in #1168, #1176, #1209): when a
 * connection's socket closes, `closed()` sets `socket = null`, but (1) a transaction's automatic
 * `rollback` is still written to that connection, scheduling `setImmediate(nextWrite)`, which
 * then calls `socket.write` on null and kills the process with an uncatchable TypeError; and
 * (2) teardown cancels the pending immediate without clearing `nextWriteTimer`/`chunk`, so the
 * connection never schedules a flush again. The patch:
 *   - rejects a query sent to a connection whose socket is gone (CONNECTION_CLOSED, catchable),
 *     leaving the connection where the pool put it;
 *   - guards `nextWrite` against a null socket and settles the waiting queries instead of crashing;
 *   - clears `chunk` and `nextWriteTimer` in `terminate()` and `closed()`.
 *
 * And the fix for `sql.begin` with pipelining off (porsager/postgres#1218): `execute()` ran the
 * hook that reserves a transaction's connection only when the connection could take more queries,
 * so with `max_pipeline: 0` (or a full pipeline, or a write under backpressure) BEGIN went out on
 * a connection the pool still lent to others. The hook now runs whenever the query was written.
 * The server turns pipelining off behind PgBouncer, which drops replies to pipelined queries
 * (src/db/client.ts).
 *
 * And the multi-host fix for a failover (porsager/postgres#1174, #988; proposed in #1175): with a
 * URL naming several hosts the counter of hosts tried was never incremented, so while no host was
 * a primary (`target_session_attrs=primary`: the old one down, the standby not yet promoted) every
 * connect error was swallowed and queries waited for ever; and a connect timeout failed the query
 * instead of trying the next host. Now each connection tries every host once per round, then fails
 * the query it was opened for (a 503 to the client), and a timeout moves on to the next host.
 *
 * Every edit is guarded by the exact text of 3.4.x: a release that changed it is left untouched
 * (with a notice) so an upstream fix is never patched twice. Each edit carries its own marker, so
 * an install patched by an older version of this script gets the edits it lacks.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MARKER = 'lianfang: guarded nextWrite';
export const BEGIN_MARKER = 'lianfang: begin reserves its connection';
export const HOSTS_MARKER = 'lianfang: multi-host rounds';

const EDITS = [
  {
    what: 'reject a query sent to a closed connection',
    from: `    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    to: `    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    // ${MARKER}: a reserved connection (a transaction's rollback) whose socket has closed
    if (socket === null)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true
`,
  },
  {
    what: 'guard nextWrite',
    from: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`,
    to: `  function nextWrite(fn) {
    if (socket === null) { // ${MARKER}: settle, never crash from a timer
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)
`,
  },
  {
    what: 'reset the write buffer on teardown',
    from: `    clearImmediate(nextWriteTimer)
`,
    to: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null // ${MARKER}: a cancelled flush must not block the next one
`,
    count: 2,
  },
  {
    what: 'reserve the connection whenever BEGIN was written',
    marker: BEGIN_MARKER,
    from: `      build(q)
      return write(toBuffer(q))
        && !q.describeFirst
        && !q.cursorFn
        && sent.length < max_pipeline
        && (!q.options.onexecute || q.options.onexecute(connection))
`,
    to: `      build(q)
      // ${BEGIN_MARKER}, whether or not it may take more queries
      const more = write(toBuffer(q))
        && !q.describeFirst
        && !q.cursorFn
        && sent.length < max_pipeline
      const reserved = !q.options.onexecute || q.options.onexecute(connection)
      return more && reserved
`,
  },
  {
    what: 'start a round over the hosts when a connection is opened for a query',
    marker: HOSTS_MARKER,
    from: `    connect(query) {
      initial = query
      reconnect()
`,
    to: `    connect(query) {
      initial = query
      retries = 0 // ${HOSTS_MARKER}: every host may be tried once for this query
      reconnect()
`,
  },
  {
    what: 'count the hosts tried in the round',
    marker: HOSTS_MARKER,
    from: `    if (initial)
      return reconnect()
`,
    to: `    if (initial) // ${HOSTS_MARKER}: the next host; error() fails the query after the last
      return retries++, reconnect()
`,
  },
  {
    what: 'a connect timeout tries the next host',
    marker: HOSTS_MARKER,
    from: `  function connectTimedOut() {
    errored(Errors.connection('CONNECT_TIMEOUT', options, socket))
`,
    to: `  function connectTimedOut() { // ${HOSTS_MARKER}: on to the next host, if any, as a refusal does
    error(Errors.connection('CONNECT_TIMEOUT', options, socket))
`,
  },
];

/** Patches one connection.js; returns 'patched', 'already' or 'unknown' (a version this patch does not know). */
export function patchConnectionSource(source) {
  let out = source;
  let applied = 0;
  for (const edit of EDITS) {
    // The nextWrite edits went in together under one marker; each later edit has its own.
    if (source.includes(edit.marker ?? MARKER)) continue;
    applied++;
    const found = out.split(edit.from).length - 1;
    if (found !== (edit.count ?? 1)) return { state: 'unknown', source, reason: `${edit.what}: expected text found ${found}×` };
    out = out.split(edit.from).join(edit.to);
  }
  return { state: applied ? 'patched' : 'already', source: out };
}

export function driverFiles(root) {
  return ['src', 'cjs/src', 'cf/src'].map((d) => join(root, 'node_modules', 'postgres', d, 'connection.js')).filter((f) => existsSync(f));
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = driverFiles(root);
  if (files.length === 0) {
    console.log('patch-postgres-driver: postgres is not installed; nothing to do');
    return;
  }
  for (const file of files) {
    const result = patchConnectionSource(readFileSync(file, 'utf8'));
    if (result.state === 'patched') writeFileSync(file, result.source);
    console.log(`patch-postgres-driver: ${file.slice(root.length + 1)}: ${result.state}${result.reason ? ` (${result.reason}; check whether this release has the upstream fix)` : ''}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
