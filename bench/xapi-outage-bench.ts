import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { TestLrs } from '../test/support/lrs.js';
import { insertRows, sampleRows } from './xapi-rows.js';
import { deliveredCount, until } from './xapi-tool.js';

export interface OutageRun {
  db: Db;
  lrs: TestLrs;
  statements: number;
  outageMs: number;
}

export interface OutageResult {
  /** From the LRS answering again to its first statement stored (waiting for the next probe). */
  probeWaitMs: number;
  /** From the first to the last statement of the backlog stored. */
  drainMs: number;
}

/**
 * The LRS is stopped while `statements` events are written and the tool's delivery job (in its
 * own process, polling on its own schedule) keeps trying for `outageMs`; then it restarts. Times
 * come from the database (`delivered_at` against the moment of the restart), so they do not
 * depend on when this loop happens to look.
 */
export async function measureOutageDrain(run: OutageRun): Promise<OutageResult> {
  const tenantId = randomUUID();
  const rows = sampleRows(run.statements, tenantId);
  await run.lrs.stop();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    await insertRows(run.db, tenantId, rows.slice(i, i + 500));
  }
  await sleep(Math.max(0, run.outageMs - (performance.now() - started)));
  await run.lrs.restart();
  const {
    rows: [back],
  } = await sql<{ at: Date }>`select clock_timestamp() as at`.execute(run.db);
  const all = async () => (await deliveredCount(run.db, tenantId)) >= run.statements;
  await until(all, 200, 600_000);
  const span = await run.db
    .selectFrom('xapi_outbox')
    .where('tenant_id', '=', tenantId)
    .select((eb) => [eb.fn.min('delivered_at').as('first'), eb.fn.max('delivered_at').as('last')])
    .executeTakeFirstOrThrow();
  const at = (d: unknown) => new Date(d as string).getTime();
  return { probeWaitMs: at(span.first) - at(back!.at), drainMs: at(span.last) - at(span.first) };
}
