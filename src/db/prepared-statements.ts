/**
 * drizzle asks postgres.js for an unnamed statement on every query it has not `.prepare()`d. For
 * a statement with parameters postgres.js then needs two round trips (Parse and Describe to learn
 * the parameter types, then Bind and Execute), and PostgreSQL parses and plans it every time.
 * Named, the statement is parsed once per connection and each later run is one round trip.
 *
 * This wraps the pool so that drizzle's statements are named, in and out of transactions. Only
 * statements with a few parameters: those are the repeated shapes; a many-row insert is a new
 * shape for each row count and would only fill every connection's statement cache.
 */
import type { Sql, TransactionSql } from 'postgres';

const MAX_PARAMETERS = 100;

type Unsafe = Sql['unsafe'];

/** The pool drizzle runs on: the same connections, with its statements prepared per connection. */
export function preparingStatements<T extends Sql | TransactionSql>(client: T): T {
  const unsafe: Unsafe = (query, parameters, options) =>
    client.unsafe(query, parameters, parameters && parameters.length <= MAX_PARAMETERS ? { ...options, prepare: true } : options);
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      // A transaction's (or savepoint's) own client names its statements too.
      if (property === 'begin' || property === 'savepoint')
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const body = args[last] as (tx: TransactionSql) => unknown;
          args[last] = (tx: TransactionSql) => body(preparingStatements(tx));
          return (Reflect.get(target, property) as (...a: unknown[]) => unknown)(...args);
        };
      return Reflect.get(target, property, receiver);
    },
  });
}
