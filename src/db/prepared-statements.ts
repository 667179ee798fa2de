import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Marks a statement of the hot path (a launch, the home page): it goes as a named prepared
 * statement, parsed and planned once per connection instead of on every call. Planning the
 * launch's one statement of data-modifying CTEs cost about as much as running it (1.5 ms of
 * 3.5 ms, pg_stat_statements with track_planning, `npm run bench`).
 *
 * Only for statements whose text is fixed (a few variants at most): every distinct text is one
 * prepared statement per connection, kept for the connection's life.
 */
export const PREPARED_MARK = '/* prepared */';
export const prepared = sql.raw(PREPARED_MARK);

type QueryFn = (...args: unknown[]) => unknown;

/** Marked texts are few and fixed: each is hashed once, not on every call. */
const digests = new Map<string, string>();
function digestOf(text: string): string {
  let digest = digests.get(text);
  if (!digest) {
    digest = createHash('sha1').update(text).digest('hex').slice(0, 16);
    digests.set(text, digest);
  }
  return digest;
}

/**
 * Sends marked statements by name. Names are unique per connection (a process prefix and a
 * serial): PGlite is one backend session behind every socket, where two connections preparing
 * one name would collide, and where a closed connection's statements outlive it, so they are
 * deallocated when the pool drops the connection (a real PostgreSQL drops them with the session).
 * With PgBouncer in transaction mode this needs `max_prepared_statements` (PgBouncer ≥ 1.21).
 */
export function sendMarkedStatementsPrepared(pool: pg.Pool): void {
  const prefix = randomBytes(3).toString('hex');
  let serial = 0;
  const owned = new WeakMap<pg.PoolClient, Set<string>>();
  let sharedSession: Promise<boolean> | undefined;
  pool.on('connect', (client) => {
    const id = `${prefix}_${(serial++).toString(36)}`;
    const names = new Set<string>();
    owned.set(client, names);
    const query = client.query.bind(client) as QueryFn;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config !== 'string' || !config.includes(PREPARED_MARK))
        return query(config, values, callback);
      const name = `mc_${digestOf(config)}_${id}`;
      names.add(name);
      return query({ name, text: config, values }, callback);
    }) as typeof client.query;
  });
  pool.on('remove', (client) => {
    const names = owned.get(client);
    if (!names?.size || pool.ending) return;
    sharedSession ??= pool
      .query<{ shared: boolean }>(`select version() like '%PGlite%' as shared`)
      .then((r) => r.rows[0]!.shared)
      .catch(() => false);
    void sharedSession.then(async (shared) => {
      if (!shared) return;
      for (const name of names) await pool.query(`deallocate "${name}"`).catch(() => undefined);
    });
  });
}
