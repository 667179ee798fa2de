import type { Db } from '../connection.js';

/**
 * Logins whose state has been answered. The state itself is signed and carries what the launch
 * needs, so a login writes nothing; only its one-time use is recorded, by the launch's own write
 * (`createLaunchRepository`).
 */
export function createLoginStateRepository(db: Db) {
  return {
    async wasUsed(state: string): Promise<boolean> {
      const row = await db.selectFrom('login_states').select('state').where('state', '=', state).executeTakeFirst();
      return row !== undefined;
    },

    /** Deletes states created before `cutoff`, at most `max` of them when given (a bounded sweep). */
    async deleteOlderThan(cutoff: Date, max?: number): Promise<number> {
      const res = await db
        .deleteFrom('login_states')
        .where('created_at', '<', cutoff)
        .$if(max !== undefined, (q) => q.where('state', 'in', (eb) => eb
          .selectFrom('login_states')
          .select('state')
          .where('created_at', '<', cutoff)
          .limit(max!)))
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}

export type LoginStateRepository = ReturnType<typeof createLoginStateRepository>;
