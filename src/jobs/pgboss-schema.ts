import pg from 'pg';
import type { Logger } from '../shared/logger.js';

/**
 * pg-boss 11 rewrote its schema as version 25 and pg-boss 12 migrates only from there: on the
 * schema pg-boss 10 left (version 24) `start()` throws "Cannot migrate pg-boss schema from
 * version 24". @see node_modules/pg-boss/dist/migrationStore.js (migrateCommands)
 */
const OLDEST_MIGRATABLE_VERSION = 25;

interface SetAsideOptions {
  databaseUrl: string;
  schema: string;
  logger: Logger;
}

/**
 * Renames a pg-boss schema too old to migrate (`pgboss` → `pgboss_schema_24`) so that pg-boss
 * installs a fresh one. Nothing is lost: every queue, cron schedule and catch-up sweep is
 * re-created at start, and the sweeps re-queue whatever the old jobs would have done. The old
 * schema stays for inspection. The advisory lock keeps instances starting together from racing.
 * Returns the new name of the old schema, or null when there was nothing to set aside.
 */
export async function setAsideUnmigratableSchema(options: SetAsideOptions): Promise<string | null> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`${options.schema} upgrade`]);
    const version = await schemaVersion(client, options.schema);
    if (version === null || version >= OLDEST_MIGRATABLE_VERSION) {
      await client.query('commit');
      return null;
    }
    const aside = `${options.schema}_schema_${version}`;
    const [from, to] = [options.schema, aside].map((name) => pg.escapeIdentifier(name));
    await client.query(`alter schema ${from} rename to ${to}`);
    await client.query('commit');
    options.logger.warn(
      { schema: options.schema, version, renamedTo: aside },
      'pg-boss schema too old to migrate: set aside (drop it when done); jobs start afresh',
    );
    return aside;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

async function schemaVersion(client: pg.Client, schema: string): Promise<number | null> {
  const table = `${pg.escapeIdentifier(schema)}.version`;
  const found = await client.query<{ name: string | null }>(
    'select to_regclass($1)::text as name', [table],
  );
  if (!found.rows[0]?.name) return null;
  const { rows } = await client.query<{ version: string | number }>(`select version from ${table}`);
  return rows[0] ? Number(rows[0].version) : null;
}
