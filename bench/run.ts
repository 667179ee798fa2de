import { openDatabase } from '../src/db/open-database.js';
import { BenchChild } from './bench-child.js';
import { dashboardBenchmark } from './dashboard-bench.js';
import { databaseCpuReader } from './database-cpu.js';
import { launchBenchmark } from './launch-bench.js';
import { profiling } from './launch-tools.js';
import { matchingBenchmark } from './matching-bench.js';
import { pagesBenchmark } from './pages-bench.js';
import { registrationStallBenchmark } from './registration-stall-bench.js';
import { xapiBenchmark } from './xapi-bench.js';

/**
 * `npm run bench`: every benchmark prints its ratio against a baseline measured in the same run.
 * DATABASE_URL selects PostgreSQL; otherwise embedded PGlite, served from a process of its own so
 * that both tools under test (each in its own process too) reach the same database.
 * BENCH_ONLY=matching|launch|registration|xapi|pages runs one.
 */
const env = process.env;
const only = env.BENCH_ONLY;
const wants = (name: string) => !only || only === name;
// Matching needs no database and runs first, so its peak RSS is its own.
if (wants('matching')) {
  const mentees = Number(env.BENCH_MENTEES ?? 2000);
  const mentors = Number(env.BENCH_MENTORS ?? 500);
  matchingBenchmark({ mentees, mentors, seed: Number(env.BENCH_SEED ?? 1) });
  if (only === 'matching') process.exit(0);
}
const poolSize = 10;
let pglite: BenchChild | undefined;
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  // Our pool and pg-boss's, ltijs's, this process's and the stall children's, with headroom.
  pglite = BenchChild.spawn('PGlite server', 'bench/pglite-server.ts', profiling(), [String(poolSize * 8)]);
  databaseUrl = String((await pglite.ready()).url);
}
const database = await openDatabase({ databaseUrl, poolSize });
console.log(`database: ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory, its own process)'}`);
try {
  if (wants('launch')) {
    const levels = (env.BENCH_CONCURRENCY ?? '20,200').split(',').map(Number);
    const total = Number(env.BENCH_LAUNCHES ?? 600);
    const rounds = Number(env.BENCH_ROUNDS ?? 2);
    const databaseCpu = await databaseCpuReader(database.db, pglite?.pid);
    await launchBenchmark(database, { total, levels, rounds, poolSize, databaseCpu });
  }
  if (wants('registration')) {
    await registrationStallBenchmark(database.url, Number(env.BENCH_REGISTRATIONS ?? 3));
  }
  if (wants('dashboard')) {
    await dashboardBenchmark(database, { people: Number(env.BENCH_DASHBOARD_PEOPLE ?? 2000), rounds: 5 });
  }
  if (wants('xapi')) {
    const statements = Number(env.BENCH_XAPI_STATEMENTS ?? 1000);
    const batchSize = Number(env.BENCH_XAPI_BATCH ?? 100);
    await xapiBenchmark(database, { statements, batchSize, rounds: 4, poolSize });
  }
  if (wants('pages')) {
    const mentors = Number(env.BENCH_PAGES_MENTORS ?? 399);
    const mentees = Number(env.BENCH_PAGES_MENTEES ?? 1599);
    await pagesBenchmark(database, { mentors, mentees, visits: Number(env.BENCH_PAGES_VISITS ?? 3) });
  }
} finally {
  await database.close();
  await pglite?.stop();
}
process.exit(0);
