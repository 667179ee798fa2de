import { sql, type Selectable } from 'kysely';
import type { IssuedLogin } from '../../lti/ports.js';
import type { LoginStatesTable } from '../schema.js';
import type { Db } from '../connection.js';

export type LoginState = IssuedLogin & { state: string };

function toLoginState(row: Selectable<LoginStatesTable>): LoginState {
  return {
    state: row.state, nonce: row.nonce, issuer: row.issuer, clientId: row.client_id,
    loginParams: row.login_params as unknown as Record<string, string>, createdAt: row.created_at, usedAt: row.used_at,
  };
}

export function createLoginStateRepository(db: Db) {
  return {
    async save(entry: { state: string; nonce: string; issuer: string; clientId: string | null; loginParams: Record<string, string> }): Promise<void> {
      await db
        .insertInto('login_states')
        .values({ state: entry.state, nonce: entry.nonce, issuer: entry.issuer, client_id: entry.clientId, login_params: JSON.stringify(entry.loginParams) })
        .execute();
    },

    async find(state: string): Promise<LoginState | undefined> {
      const row = await db.selectFrom('login_states').selectAll().where('state', '=', state).executeTakeFirst();
      return row && toLoginState(row);
    },

    /**
     * Marks the state used and returns it, in one statement (atomic under concurrency); undefined
     * when the state is unknown or was already used — `find` tells which.
     */
    async consume(state: string): Promise<LoginState | undefined> {
      const row = await db.updateTable('login_states').set({ used_at: sql`now()` }).where('state', '=', state).where('used_at', 'is', null).returningAll().executeTakeFirst();
      return row && toLoginState(row);
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
