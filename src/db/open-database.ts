import { createDb, assertDatabaseReachable, type Db } from './connection.js';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest } from './migrate.js';

/** Pools that share the database: the tool's own, the pg-boss job runner's, and room for the CLI. */
export const POOLS_PER_INSTANCE = 3;

export interface OpenDatabase {
  db: Db;
  url: string;
  embedded: boolean;
  appliedMigrations: string[];
  close(): Promise<void>;
}

/**
 * PostgreSQL at `databaseUrl`, or PGlite on loopback when it is unset (`dataDir` persists it;
 * none keeps it in memory, for tests). Checks reachability, then migrates.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize: number;
  /** Embedded only: when several tool instances share the server (tests, benchmarks). */
  embeddedMaxConnections?: number;
}): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl ?? (options.dataDir ? await findRunningEmbeddedPostgres(options.dataDir) : undefined);
  if (!url) {
    // Every pool at full size plus headroom for one-off clients (readiness checks, the CLI).
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, maxConnections: options.embeddedMaxConnections ?? options.poolSize * POOLS_PER_INSTANCE + 5 });
    url = embedded.url;
  }
  try {
    await assertDatabaseReachable(url);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const db = createDb(url, options.poolSize);
  let appliedMigrations: string[];
  try {
    appliedMigrations = await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    db,
    url,
    embedded: Boolean(embedded),
    appliedMigrations,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
