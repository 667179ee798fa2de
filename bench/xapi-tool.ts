import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { TestLrs } from '../test/support/lrs.js';
import { profiling, spawnOurServer } from './launch-tools.js';

/**
 * The tool whose delivery is measured: src/server.ts in a process of its own, on the bench's
 * database, its background jobs on as an operator runs it (JOBS_ENABLED unset), the bench's LRS
 * as its default LRS. Outbox delivery is its pg-boss job polling every XAPI_POLL_SECONDS.
 */
export async function startXapiTool(
  databaseUrl: string,
  poolSize: number,
  lrs: TestLrs,
  xapiEnv: Record<string, string>,
) {
  const { child } = await spawnOurServer(
    'Mentoring Circles (xAPI delivery)',
    databaseUrl,
    poolSize,
    {
      LRS_ENDPOINT: lrs.endpoint,
      LRS_USERNAME: lrs.username,
      LRS_PASSWORD: lrs.password,
      ...xapiEnv,
      ...profiling(),
    },
  );
  return child;
}

const ms = (d: unknown) => new Date(d as string).getTime();

/** Waits until `check` holds, polling every `everyMs`; fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, everyMs: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not done after ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

export async function deliveredCount(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('xapi_outbox')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'delivered')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows still to deliver (queued or to retry), of any tenant (earlier benchmarks leave some). */
export async function pendingCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('xapi_outbox')
    .where('status', 'in', ['queued', 'failed'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The tool's first claim of a tenant's rows, on the database's clock: a claim sets
 * `claimed_until = now() + lease`, so a row seen claimed gives its claim time exactly; a row
 * already delivered by then gives at most the moment it was seen (polled every 5 ms).
 */
async function firstClaimAt(db: Db, tenantId: string, leaseSeconds: number): Promise<number> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const { rows } = await sql<{ claimed: unknown; delivered: unknown; at: unknown }>`
      select min(claimed_until) - make_interval(secs => ${leaseSeconds}) as claimed,
        min(delivered_at) as delivered, clock_timestamp() as at
      from xapi_outbox where tenant_id = ${tenantId}
        and (claimed_by is not null or status = 'delivered')`.execute(db);
    const r = rows[0]!;
    if (r.claimed || r.delivered) return Math.min(r.claimed ? ms(r.claimed) : Infinity, ms(r.at));
    if (performance.now() > deadline) throw new Error('the tool claimed nothing in 120 s');
    await sleep(5);
  }
}

/**
 * One delivery run, as the tool's own job does it: from its first claim of the tenant's rows to
 * the last one recorded delivered (`delivered_at`), so the wait for the job's next poll (time
 * the LRS is idle, not throughput) is left out and reported apart as `pickupMs`.
 */
export async function timeToolDelivery(
  db: Db,
  run: { tenantId: string; statements: number; leaseSeconds: number; writtenAt: number },
) {
  const claimedAt = await firstClaimAt(db, run.tenantId, run.leaseSeconds);
  await until(async () => (await deliveredCount(db, run.tenantId)) >= run.statements, 100, 600_000);
  const last = await db
    .selectFrom('xapi_outbox')
    .where('tenant_id', '=', run.tenantId)
    .select((eb) => eb.fn.max('delivered_at').as('last'))
    .executeTakeFirstOrThrow();
  return { deliverMs: ms(last.last) - claimedAt, pickupMs: claimedAt - run.writtenAt };
}

/** Now on the database's clock (the clock `claimed_until` and `delivered_at` are written by). */
export async function databaseNow(db: Db): Promise<number> {
  const { rows } = await sql<{ at: unknown }>`select clock_timestamp() as at`.execute(db);
  return ms(rows[0]!.at);
}
