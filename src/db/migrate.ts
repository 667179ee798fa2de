import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as tenancyAndLaunch from './migrations/001-tenancy-and-launch.js';

/** Migrations are listed in code (not globbed) so the compiled build and tsx see the same set. */
const migrations: Record<string, Migration> = {
  '001-tenancy-and-launch': tenancyAndLaunch,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'mc_migrations', migrationLockTableName: 'mc_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${(error as Error).message}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
