import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { sendMarkedStatementsPrepared } from './prepared-statements.js';

export type Db = Kysely<Database>;

// A calendar date is not an instant: keep `date` columns as 'YYYY-MM-DD' instead of a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

const warn = (msg: string, err: Error) =>
  process.stderr.write(`${JSON.stringify({ level: 'warn', msg, err: err.message })}\n`);

export function createDb(url: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection the server closes (restart, failover, DROP DATABASE … WITH (FORCE)) is an
  // 'error' event on the pool; unhandled, it would crash the process. The pool replaces the client.
  pool.on('error', (err) => warn('idle database connection lost', err));
  // A checked-out client has no pool listener: its 'error' (57P01 "terminating connection due to
  // administrator command", "Connection terminated unexpectedly") would be an uncaught event. The
  // query in flight rejects on its own and becomes a 503; the broken client is not reused.
  pool.on('connect', (client) => client.on('error', (err) => warn('database connection lost', err)));
  sendMarkedStatementsPrepared(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Fails with a readable message when the database cannot be reached, before anything
 * else starts (a start against a dead database must exit non-zero).
 */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(`Database unreachable at ${safeUrl}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
