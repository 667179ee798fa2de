import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Db } from '../../src/db/connection.js';
import type { Clock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { sharedDatabase } from './hooks.js';
import { TEST_POOL_SIZE } from './test-database.js';

export const TEST_ENCRYPTION_KEY = 'test-encryption-key-0123456789abcdef0123456789';

export interface TestTool {
  app: App;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real tool (createApp) on the run's shared database, configured like production: on https,
 * so its login cookie is `SameSite=None; Secure` and survives the platform's cross-site form_post.
 */
export async function startTestTool(env: Record<string, string> = {}, clock?: Clock): Promise<TestTool> {
  const database = sharedDatabase();
  const config = loadConfig({ PUBLIC_URL: 'https://tool.test', DB_POOL_SIZE: String(TEST_POOL_SIZE), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', JOBS_ENABLED: 'false', ...env });
  const app = await createApp({ config, databaseUrl: database.url, encryptionKey: TEST_ENCRYPTION_KEY, db: database.db, logger: createLogger(config.logLevel), clock });
  return { app, db: database.db, config, close: () => app.close() };
}
