import type { UsedLogin } from '../../lti/ports.js';
import type { Db } from '../connection.js';

/**
 * Logins whose state has been answered. The state itself is signed and carries what the launch
 * needs, so a login writes nothing; only its one-time use is recorded, at the launch.
 */
export function createLoginStateRepository(db: Db) {
  return {
    /** Records the state as used; false when it already was (a replay, or two posts racing). */
    async markUsed(login: UsedLogin): Promise<boolean> {
      const row = await db
        .insertInto('login_states')
        .values({
          state: login.state, nonce: login.nonceHash, issuer: login.issuer, client_id: login.clientId,
          login_params: JSON.stringify(login.loginParams), created_at: login.issuedAt, used_at: login.usedAt,
        })
        .onConflict((oc) => oc.column('state').doNothing())
        .returning('state')
        .executeTakeFirst();
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
