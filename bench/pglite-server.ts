import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { announceReady } from './bench-child.js';

/**
 * The embedded PGlite server in a process of its own, so that the database's single WASM thread
 * competes neither with the load generator nor with a tool under test. Serves until SIGTERM.
 */
const maxConnections = Number(process.argv[2] ?? 80);
const server = await startEmbeddedPostgres({ maxConnections });
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
announceReady({ url: server.url });
