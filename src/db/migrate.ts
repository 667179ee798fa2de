import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as tenancyAndLaunch from './migrations/001-tenancy-and-launch.js';
import * as programsAndRoster from './migrations/002-programs-and-roster.js';
import * as xapiOutbox from './migrations/003-xapi-outbox.js';
import * as circles from './migrations/004-circles.js';
import * as profilesAndMatching from './migrations/005-profiles-and-matching.js';
import * as circleLife from './migrations/006-circle-life.js';
import * as prompts from './migrations/007-prompts.js';
import * as toolKeys from './migrations/008-tool-keys.js';
import * as toolSessions from './migrations/009-tool-sessions.js';
import * as lrsPinning from './migrations/010-lrs-pinning.js';
import * as rateLimits from './migrations/011-rate-limits.js';
import * as tenantLeadingKeys from './migrations/012-tenant-leading-keys.js';
import * as outboxClaimOrder from './migrations/013-outbox-claim-order.js';
import * as grades from './migrations/014-grades.js';
import * as tenants from './migrations/015-tenants.js';
import * as notifications from './migrations/018-notifications.js';
import * as deliveryPackages from './migrations/016-delivery-packages.js';
import * as cmi5Sessions from './migrations/017-cmi5-sessions.js';
import * as analytics from './migrations/019-analytics.js';
import * as profileDeadlines from './migrations/020-profile-deadlines.js';

/** Migrations are listed in code (not globbed) so the compiled build and tsx see the same set. */
const migrations: Record<string, Migration> = {
  '001-tenancy-and-launch': tenancyAndLaunch,
  '002-programs-and-roster': programsAndRoster,
  '003-xapi-outbox': xapiOutbox,
  '004-circles': circles,
  '005-profiles-and-matching': profilesAndMatching,
  '006-circle-life': circleLife,
  '007-prompts': prompts,
  '008-tool-keys': toolKeys,
  '009-tool-sessions': toolSessions,
  '010-lrs-pinning': lrsPinning,
  '011-rate-limits': rateLimits,
  '012-tenant-leading-keys': tenantLeadingKeys,
  '013-outbox-claim-order': outboxClaimOrder,
  '014-grades': grades,
  '015-tenants': tenants,
  '018-notifications': notifications,
  '016-delivery-packages': deliveryPackages,
  '017-cmi5-sessions': cmi5Sessions,
  '019-analytics': analytics,
  '020-profile-deadlines': profileDeadlines,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

const migrator = (db: Kysely<any>) => new Migrator({
  db, provider, migrationTableName: 'mc_migrations', migrationLockTableName: 'mc_migrations_lock',
});

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${(error as Error).message}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Up to and including `name`: to test a migration on rows written at the version before it. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw new Error(`Database migration failed: ${(error as Error).message}`);
}
