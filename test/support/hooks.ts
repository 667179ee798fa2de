import type { OpenDatabase } from '../../src/db/open-database.js';
import { openTestDatabase } from './test-database.js';

let database: (OpenDatabase & { label: string }) | undefined;

export function sharedDatabase(): OpenDatabase {
  if (!database) throw new Error('The shared test database is not open (test/support/hooks.ts did not run).');
  return database;
}

/** Mocha root hooks: one database for the run, closed at the end. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    database = await openTestDatabase();
    process.stdout.write(`  database: ${database.label}\n`);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await database?.close();
  },
};
