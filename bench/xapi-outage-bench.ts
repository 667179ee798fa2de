import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { OutboxDispatcher } from '../src/xapi/outbox-dispatcher.js';
import type { TestLrs } from '../test/support/lrs.js';
import { insertRows, sampleRows } from './xapi-rows.js';

export interface OutageRun {
  db: Db;
  lrs: TestLrs;
  dispatcher: OutboxDispatcher;
  statements: number;
  outageMs: number;
  /** Between drains, as the delivery job's poll interval. */
  pollMs: number;
}

export interface OutageResult {
  /** From the LRS answering again to its first statement stored (waiting for the next probe). */
  probeWaitMs: number;
  /** From the first to the last statement of the backlog stored. */
  drainMs: number;
}

/**
 * The LRS is stopped while `statements` events are written and the delivery job keeps polling
 * for `outageMs`; then it restarts. Times come from the database (`delivered_at` against the
 * moment of the restart), so they do not depend on when this loop happens to look.
 */
export async function measureOutageDrain(run: OutageRun): Promise<OutageResult> {
  const tenantId = randomUUID();
  const rows = sampleRows(run.statements, tenantId);
  await run.lrs.stop();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    await insertRows(run.db, tenantId, rows.slice(i, i + 500));
    await run.dispatcher.drain();
  }
  while (performance.now() - started < run.outageMs) {
    await run.dispatcher.drain();
    await sleep(run.pollMs);
  }
  await run.lrs.restart();
  const { rows: [back] } = await sql<{ at: Date }>`select clock_timestamp() as at`.execute(run.db);
  for (let delivered = 0; delivered < run.statements; ) {
    if (performance.now() - started > run.outageMs + 600_000) {
      throw new Error(`only ${delivered} statements delivered after 10 minutes`);
    }
    await run.dispatcher.drain(600_000);
    delivered = await deliveredCount(run.db, tenantId);
    if (delivered < run.statements) await sleep(run.pollMs);
  }
  const span = await run.db.selectFrom('xapi_outbox').where('tenant_id', '=', tenantId)
    .select((eb) => [eb.fn.min('delivered_at').as('first'), eb.fn.max('delivered_at').as('last')])
    .executeTakeFirstOrThrow();
  const at = (d: unknown) => new Date(d as string).getTime();
  return { probeWaitMs: at(span.first) - at(back!.at), drainMs: at(span.last) - at(span.first) };
}

async function deliveredCount(db: Db, tenantId: string): Promise<number> {
  const row = await db.selectFrom('xapi_outbox')
    .where('tenant_id', '=', tenantId).where('status', '=', 'delivered')
    .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
