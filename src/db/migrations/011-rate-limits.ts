import { sql, type Kysely } from 'kysely';

/**
 * Request counters per fixed window, shared by every web instance on the database (a limit kept
 * in one process's memory would multiply by the number of instances).
 */
const statements = [
  sql`create table rate_limit_windows (
    bucket text not null,
    key text not null,
    window_start timestamptz not null,
    hits integer not null,
    primary key (bucket, key, window_start)
  )`,
  // Old windows are purged by age, whatever their bucket.
  sql`create index rate_limit_windows_start_idx on rate_limit_windows (window_start)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists rate_limit_windows`.execute(db);
}
