import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config/config.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { buildStatement } from '../src/xapi/statement-builders.js';
import { TestLrs } from '../test/support/lrs.js';
import type { BenchChild } from './bench-child.js';
import { measureOutageDrain, type OutageResult } from './xapi-outage-bench.js';
import { ACTORS, insertRows, sampleRows } from './xapi-rows.js';
import { databaseNow, pendingCount, startXapiTool, timeToolDelivery, until } from './xapi-tool.js';

/** The baseline: the same batches, `inFlight` of them at a time as the tool's delivery sends. */
async function postRaw(lrs: TestLrs, statements: unknown[], batchSize: number, inFlight: number) {
  const auth = `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`;
  const headers = {
    Authorization: auth,
    'Content-Type': 'application/json',
    'X-Experience-API-Version': '1.0.3',
  };
  let next = 0;
  const worker = async () => {
    while (next < statements.length) {
      const batch = statements.slice(next, (next += batchSize));
      const body = JSON.stringify(batch);
      const res = await fetch(`${lrs.endpoint}/statements`, { method: 'POST', headers, body });
      if (!res.ok) throw new Error(`raw POST failed: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

const rawStatements = (count: number) =>
  sampleRows(count, randomUUID()).map((r) =>
    buildStatement(r.event, r.snapshot, { pseudonymKey: 'k' }),
  );

interface Options {
  statements: number;
  batchSize: number;
  rounds: number;
  poolSize: number;
}

/**
 * Delivery throughput from the outbox to a real LRS (Learning Locker's statement service in
 * memory, in the bench's child) against a raw bulk POST of equivalent statements from the bench,
 * in batches of the same size, with as many batches in flight as the tool (XAPI_CONCURRENCY),
 * A/B order alternated. The tool is src/server.ts in its own process with its default jobs: the
 * bench only writes outbox rows (as the domain would) and reads the times from the database.
 */
export async function xapiBenchmark(database: OpenDatabase, options: Options): Promise<void> {
  const lrs = await TestLrs.start();
  const xapiEnv: Record<string, string> = { XAPI_BATCH_SIZE: String(options.batchSize) };
  if (process.env.XAPI_CONCURRENCY) xapiEnv.XAPI_CONCURRENCY = process.env.XAPI_CONCURRENCY;
  const { xapi } = loadConfig({ LOG_LEVEL: 'silent', ...xapiEnv });
  let tool: BenchChild | undefined;
  const totals = { ours: 0, raw: 0, pickup: 0 };
  let outage: OutageResult | null = null;
  const outageStatements = options.statements * 2;
  const timeRaw = async () => {
    const raw = rawStatements(options.statements);
    const t0 = performance.now();
    await postRaw(lrs, raw, options.batchSize, xapi.concurrency);
    totals.raw += performance.now() - t0;
  };
  const timeOurs = async () => {
    const tenantId = randomUUID();
    await insertRows(database.db, tenantId, sampleRows(options.statements, tenantId));
    const writtenAt = await databaseNow(database.db);
    const run = { tenantId, statements: options.statements, leaseSeconds: xapi.leaseSeconds };
    const t = await timeToolDelivery(database.db, { ...run, writtenAt });
    totals.ours += t.deliverMs;
    totals.pickup += t.pickupMs;
  };
  try {
    tool = await startXapiTool(database.url, options.poolSize, lrs, xapiEnv);
    // Earlier benchmarks (launches) left their own statements in the outbox: the tool sends
    // them first, untimed; then one untimed round warms both sides.
    await until(async () => (await pendingCount(database.db)) === 0, 200, 600_000);
    await postRaw(lrs, rawStatements(200), options.batchSize, xapi.concurrency);
    const warm = randomUUID();
    await insertRows(database.db, warm, sampleRows(200, warm));
    await until(async () => (await pendingCount(database.db)) === 0, 50, 600_000);
    // The in-memory LRS slows as it fills up: the two sides take turns going first.
    for (let round = 0; round < options.rounds; round++) {
      const sides = [timeRaw, timeOurs];
      for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
    }
    outage = await measureOutageDrain({
      db: database.db,
      lrs,
      statements: outageStatements,
      outageMs: OUTAGE_MS,
    });
  } finally {
    await tool?.stop();
    await lrs.kill();
  }
  const total = options.statements * options.rounds;
  printThroughput(total, options, totals, xapi);
  printOutage(outage!, outageStatements, total / (totals.raw / 1000), xapi);
}

const OUTAGE_MS = 20_000;

function printThroughput(
  total: number,
  options: Options,
  totals: { ours: number; raw: number; pickup: number },
  x: { concurrency: number; pollSeconds: number },
) {
  const ours = total / (totals.ours / 1000);
  const raw = total / (totals.raw / 1000);
  const pickup = totals.pickup / options.rounds / 1000;
  const n = x.concurrency;
  console.log(
    `\nxAPI delivery benchmark: ${total} statements (every event type in turn, ${ACTORS.length} actors in turn), batches of ${options.batchSize}, Learning Locker xapi-statements (memory) on loopback`,
  );
  console.log(
    `  the tool: src/server.ts in its own process, default jobs on; LRS and load in the bench's processes; A/B order alternated over ${options.rounds} rounds`,
  );
  console.log(
    `  outbox → LRS by the tool's delivery job (claim, build, POST, record; ${n} batches in flight)  ${ours.toFixed(0).padStart(7)} statements/s`,
  );
  console.log(
    `  raw bulk POST of the same statements from the bench (${n} batches in flight)                 ${raw.toFixed(0).padStart(7)} statements/s`,
  );
  console.log(
    `  throughput ratio (outbox / raw POST): ${(ours / raw).toFixed(2)}   (target ≥ 0.8)`,
  );
  console.log(
    `  left out of the tool's time: the wait for its next poll after the rows were written, ${pickup.toFixed(2)} s on average (XAPI_POLL_SECONDS=${x.pollSeconds})`,
  );
}

function printOutage(
  r: OutageResult,
  statements: number,
  lrsRate: number,
  x: { retryBaseMs: number; probeMaxMs: number },
) {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = ((statements / Math.max(r.drainMs, 1)) * 1000).toFixed(0);
  console.log(
    `  after an outage (LRS stopped ${s(OUTAGE_MS)} while ${statements} statements were written; pauses ${s(x.retryBaseMs)} doubling to ${s(x.probeMaxMs)}):`,
  );
  console.log(
    `    recovery → last statement stored: ${s(r.probeWaitMs + r.drainMs)}  (next probe after ${s(r.probeWaitMs)}, then the backlog in ${s(r.drainMs)})`,
  );
  console.log(
    `    backlog drain rate ${rate} statements/s; the LRS's own ingest rate (raw POST above) ${lrsRate.toFixed(0)} statements/s = ${s((statements / lrsRate) * 1000)} for the backlog at its pace`,
  );
}
