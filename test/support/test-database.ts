import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';

export const TEST_POOL_SIZE = 3;

/**
 * One database for the whole run: a fresh database on the server at DATABASE_URL (CI runs the
 * suite on real PostgreSQL that way), or in-memory PGlite on loopback otherwise.
 */
export async function openTestDatabase(): Promise<OpenDatabase & { label: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ poolSize: TEST_POOL_SIZE, embeddedMaxConnections: 60 });
    return { ...db, label: 'PGlite (in memory)' };
  }
  const name = `mc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: TEST_POOL_SIZE });
  return {
    ...db,
    label: `PostgreSQL (${name})`,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
