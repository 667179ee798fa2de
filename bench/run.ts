import { openDatabase } from '../src/db/open-database.js';
import { launchBenchmark } from './launch-bench.js';
import { matchingBenchmark } from './matching-bench.js';
import { xapiBenchmark } from './xapi-bench.js';

/**
 * `npm run bench`: every benchmark prints its ratio against a baseline measured in the same run.
 * DATABASE_URL selects PostgreSQL; otherwise embedded PGlite.
 */
// Matching needs no database and runs first, so its peak RSS is its own. BENCH_ONLY=matching|launch|xapi runs one.
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'matching') {
  matchingBenchmark({ mentees: Number(process.env.BENCH_MENTEES ?? 2000), mentors: Number(process.env.BENCH_MENTORS ?? 500), seed: Number(process.env.BENCH_SEED ?? 1) });
  if (process.env.BENCH_ONLY === 'matching') process.exit(0);
}
process.on('unhandledRejection', (reason) => console.error('unhandled rejection (ltijs fire-and-forget):', (reason as Error).message));
const poolSize = 10;
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize, embeddedMaxConnections: poolSize * 4 + 5 });
console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'}`);
try {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'launch') await launchBenchmark(database, { total: Number(process.env.BENCH_LAUNCHES ?? 600), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 200), poolSize });
  if (!only || only === 'xapi') await xapiBenchmark(database, { statements: Number(process.env.BENCH_XAPI_STATEMENTS ?? 1000), batchSize: Number(process.env.BENCH_XAPI_BATCH ?? 100), rounds: 4 });
} finally {
  await database.close();
}
process.exit(0);
