import { sql } from 'kysely';
import type { Db } from '../connection.js';

/** The table is infrastructure, not tenant data: it stays out of the shared Database type. */
type RateLimitTables = {
  rate_limit_windows: { bucket: string; key: string; window_start: Date; hits: number };
};

export interface RateLimitStore {
  /** Counts `hits` in the window and returns the window's total, atomically across instances. */
  hit(bucket: string, key: string, windowStart: Date, hits: number): Promise<number>;
  /** Deletes up to `max` windows that started before `cutoff`; returns how many went. */
  purgeBefore(cutoff: Date, max: number): Promise<number>;
}

export function createRateLimitRepository(db: Db): RateLimitStore {
  const limits = db.withTables<RateLimitTables>();
  return {
    async hit(bucket, key, windowStart, hits) {
      const row = await limits
        .insertInto('rate_limit_windows')
        .values({ bucket, key, window_start: windowStart, hits })
        .onConflict((oc) => oc
          .columns(['bucket', 'key', 'window_start'])
          .doUpdateSet({ hits: sql<number>`rate_limit_windows.hits + excluded.hits` }))
        .returning('hits')
        .executeTakeFirstOrThrow();
      return row.hits;
    },

    async purgeBefore(cutoff, max) {
      const res = await sql`delete from rate_limit_windows
        where (bucket, key, window_start) in (
          select bucket, key, window_start from rate_limit_windows
          where window_start < ${cutoff} limit ${max})`.execute(db);
      return Number(res.numAffectedRows ?? 0n);
    },
  };
}
