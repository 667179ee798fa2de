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
 * The whole suite is one client (127.0.0.1) launching thousands of times a minute on one shared
 * database, so the per-address and per-tenant limits are lifted; rate-limit tests set their own.
 */
const UNLIMITED = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_REGISTER_PER_MINUTE: '1000000',
  RATE_LIMIT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000',
  RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000000',
};

/**
 * The real tool (createApp) on the run's shared database, configured like production: on https,
 * so its login cookie is `SameSite=None; Secure` and survives the platform's cross-site form_post.
 */
export async function startTestTool(env: Record<string, string> = {}, clock?: Clock): Promise<TestTool> {
  const database = sharedDatabase();
  const config = loadConfig({
    PUBLIC_URL: 'https://tool.test', DB_POOL_SIZE: String(TEST_POOL_SIZE), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', JOBS_ENABLED: 'false',
    ...UNLIMITED, ...env,
  });
  const app = await createApp({ config, databaseUrl: database.url, encryptionKey: TEST_ENCRYPTION_KEY, db: database.db, logger: createLogger(config.logLevel), clock });
  return { app, db: database.db, config, close: () => app.close() };
}
