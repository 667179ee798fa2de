import type { Server } from 'node:http';
import { createApp } from './app.js';
import { loadConfigOrExit } from './config/config.js';
import { loadOrCreateEmbeddedSecrets } from './config/embedded-secrets.js';
import { openDatabase } from './db/open-database.js';
import { createLogger } from './shared/logger.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  // A stray rejection is a bug to log, not a reason to drop every in-flight request.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  const encryptionKey = config.ltiEncryptionKey ?? (await loadOrCreateEmbeddedSecrets(config.dataDir, (m) => logger.warn(m))).ltiEncryptionKey;

  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  } catch (err) {
    logger.fatal({ err: (err as Error).message }, 'cannot start: database unavailable');
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  if (database.embedded) logger.warn({ dataDir: config.dataDir }, 'DATABASE_URL is unset: using the embedded PGlite database (fine for trying the tool; use PostgreSQL in production)');
  if (database.appliedMigrations.length) logger.info({ migrations: database.appliedMigrations }, 'database migrated');

  const app = await createApp({ config, databaseUrl: database.url, encryptionKey, db: database.db, logger });
  const server: Server = app.express.listen(config.port, () => {
    const listening = { port: config.port, publicUrl: config.publicUrl, node: process.version };
    const runtime = `Node ${process.version}`;
    logger.info(listening, `Mentoring Circles listening on ${config.publicUrl} (${runtime})`);
  });
  server.on('error', (err) => {
    logger.fatal({ err: err.message }, 'cannot listen');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    server.close(async () => {
      await app.close().catch((err) => logger.error({ err }, 'closing the app failed'));
      await database.close().catch((err) => logger.error({ err }, 'closing database failed'));
      clearTimeout(force);
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
