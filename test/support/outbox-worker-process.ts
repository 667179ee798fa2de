/**
 * A second tool instance's outbox worker, as its own process (so a test can SIGKILL it mid-batch).
 * Reads DATABASE_URL and the LRS_* / XAPI_* variables; drains once, then exits.
 */
import { composeXapi } from '../../src/app-xapi.js';
import { loadConfig } from '../../src/config/config.js';
import { createDb } from '../../src/db/connection.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_ENCRYPTION_KEY } from './test-tool.js';

const config = loadConfig({ ...process.env, JOBS_ENABLED: 'false', LOG_LEVEL: 'silent' });
const db = createDb(config.databaseUrl!, 2);
const xapi = await composeXapi({ config, db, logger: createLogger('silent'), encryptionKey: TEST_ENCRYPTION_KEY, databaseUrl: config.databaseUrl! });
process.send?.({ started: true });
const delivered = await xapi.dispatcher.drain();
process.send?.({ done: delivered });
await db.destroy();
