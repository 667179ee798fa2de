import { openDatabase } from '../src/db/open-database.js';
import { launchBenchmark } from './launch-bench.js';

/**
 * `npm run bench`: every benchmark prints its ratio against a baseline measured in the same run.
 * DATABASE_URL selects PostgreSQL; otherwise embedded PGlite.
 */
process.on('unhandledRejection', (reason) => console.error('unhandled rejection (ltijs fire-and-forget):', (reason as Error).message));
const poolSize = 10;
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize, embeddedMaxConnections: poolSize * 4 + 5 });
console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'}`);
try {
  await launchBenchmark(database, { total: Number(process.env.BENCH_LAUNCHES ?? 600), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 200), poolSize });
} finally {
  await database.close();
}
process.exit(0);
