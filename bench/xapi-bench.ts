import { randomUUID } from 'node:crypto';
import { composeXapi } from '../src/app-xapi.js';
import { loadConfig } from '../src/config/config.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/shared/logger.js';
import { buildStatement } from '../src/xapi/statement-builders.js';
import { TestLrs } from '../test/support/lrs.js';
import { measureOutageDrain, type OutageResult } from './xapi-outage-bench.js';
import { ACTORS, insertRows, sampleRows } from './xapi-rows.js';

const KEY = 'bench-encryption-key-0123456789abcdef0123456789';

/** The baseline: the same batches, `inFlight` of them at a time as the dispatcher's workers. */
async function postRaw(lrs: TestLrs, statements: unknown[], batchSize: number, inFlight: number) {
  const auth = `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`;
  const headers = {
    Authorization: auth, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3',
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

/**
 * Delivery throughput from the outbox to a real LRS (Learning Locker's statement service in memory)
 * against a raw bulk POST of equivalent statements, in batches of the same size, to the same LRS,
 * with as many batches in flight as the dispatcher (XAPI_CONCURRENCY), A/B order alternated.
 */
export async function xapiBenchmark(database: OpenDatabase, options: { statements: number; batchSize: number; rounds: number }): Promise<void> {
  const lrs = await TestLrs.start();
  const config = loadConfig({ JOBS_ENABLED: 'false', LOG_LEVEL: 'silent', LRS_ENDPOINT: lrs.endpoint, LRS_USERNAME: lrs.username, LRS_PASSWORD: lrs.password, XAPI_BATCH_SIZE: String(options.batchSize), ...(process.env.XAPI_CONCURRENCY ? { XAPI_CONCURRENCY: process.env.XAPI_CONCURRENCY } : {}) });
  const xapi = await composeXapi({ config, db: database.db, logger: createLogger('silent'), encryptionKey: KEY, databaseUrl: database.url });
  const tenantId = randomUUID();
  let oursMs = 0;
  let rawMs = 0;
  let outage: OutageResult | null = null;
  const outageStatements = options.statements * 2;
  const timeRaw = async () => {
    const raw = sampleRows(options.statements, tenantId).map((r) => buildStatement(r.event, r.snapshot, { pseudonymKey: 'k' }));
    const t0 = performance.now();
    await postRaw(lrs, raw, options.batchSize, config.xapi.concurrency);
    rawMs += performance.now() - t0;
  };
  const timeOutbox = async (round: number) => {
    await insertRows(database.db, tenantId, sampleRows(options.statements, tenantId));
    const t0 = performance.now();
    while ((await xapi.dispatcher.drain(60_000)) > 0);
    oursMs += performance.now() - t0;
    const delivered = await database.db.selectFrom('xapi_outbox').where('tenant_id', '=', tenantId).where('status', '=', 'delivered').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    if (Number(delivered.n) !== options.statements * (round + 1)) throw new Error(`only ${delivered.n} statements delivered`);
  };
  try {
    // Earlier benchmarks (launches) left their own statements in the outbox: sent first, untimed.
    while ((await xapi.dispatcher.drain(60_000)) > 0);
    const warm = sampleRows(200, tenantId).map((r) => buildStatement(r.event, r.snapshot, { pseudonymKey: 'k' }));
    await postRaw(lrs, warm, options.batchSize, config.xapi.concurrency);
    // The in-memory LRS slows as it fills up: the two sides take turns going first.
    for (let round = 0; round < options.rounds; round++) {
      const sides = [() => timeRaw(), () => timeOutbox(round)];
      for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
    }
    outage = await measureOutageDrain({
      db: database.db, lrs, dispatcher: xapi.dispatcher, statements: outageStatements, outageMs: OUTAGE_MS, pollMs: config.xapi.pollSeconds * 1000,
    });
  } finally {
    await xapi.close();
    await lrs.kill();
  }
  const total = options.statements * options.rounds;
  const ours = total / (oursMs / 1000);
  const raw = total / (rawMs / 1000);
  console.log(`\nxAPI delivery benchmark: ${total} statements (every event type in turn, ${ACTORS.length} actors in turn), batches of ${options.batchSize}, Learning Locker xapi-statements (memory) on loopback`);
  console.log(`  outbox → LRS (claim, build, POST, record; ${config.xapi.concurrency} batches in flight)  ${ours.toFixed(0).padStart(7)} statements/s`);
  console.log(`  raw bulk POST of the same statements (${config.xapi.concurrency} batches in flight)            ${raw.toFixed(0).padStart(7)} statements/s`);
  console.log(`  throughput ratio (outbox / raw POST): ${(ours / raw).toFixed(2)}   (target ≥ 0.8)`);
  printOutage(outage!, outageStatements, raw, config.xapi);
}

const OUTAGE_MS = 20_000;

function printOutage(r: OutageResult, statements: number, lrsRate: number, x: { retryBaseMs: number; probeMaxMs: number }) {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`  after an outage (LRS stopped ${s(OUTAGE_MS)} while ${statements} statements were written; pauses ${s(x.retryBaseMs)} doubling to ${s(x.probeMaxMs)}):`);
  console.log(`    recovery → last statement stored: ${s(r.probeWaitMs + r.drainMs)}  (next probe after ${s(r.probeWaitMs)}, then the backlog in ${s(r.drainMs)})`);
  console.log(`    backlog drain rate ${(statements / Math.max(r.drainMs, 1) * 1000).toFixed(0)} statements/s; the LRS's own ingest rate (raw POST above) ${lrsRate.toFixed(0)} statements/s = ${s(statements / lrsRate * 1000)} for the backlog at its pace`);
}
