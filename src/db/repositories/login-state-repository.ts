import { sql } from 'kysely';
import type { Db } from '../connection.js';

export interface LoginState {
  state: string;
  nonce: string;
  issuer: string;
  clientId: string | null;
  loginParams: Record<string, string>;
  createdAt: Date;
  usedAt: Date | null;
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
      if (!row) return undefined;
      return {
        state: row.state, nonce: row.nonce, issuer: row.issuer, clientId: row.client_id,
        loginParams: row.login_params as unknown as Record<string, string>, createdAt: row.created_at, usedAt: row.used_at,
      };
    },

    /** Marks the state used; false when it was already used (a replay) — atomic under concurrency. */
    async consume(state: string): Promise<boolean> {
      const res = await db.updateTable('login_states').set({ used_at: sql`now()` }).where('state', '=', state).where('used_at', 'is', null).executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },

    async deleteOlderThan(cutoff: Date): Promise<number> {
      const res = await db.deleteFrom('login_states').where('created_at', '<', cutoff).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}

export type LoginStateRepository = ReturnType<typeof createLoginStateRepository>;
