import { sql } from 'kysely';
import type { Db } from '../connection.js';

export interface StoredToolKey {
  kid: string;
  registrationId: string;
  /** Sealed PKCS#8 PEM. */
  privateKey: string;
  publicJwk: Record<string, unknown>;
  origin: 'generated' | 'ltijs';
  createdAt: Date;
  retireAfter: Date | null;
}

type NewToolKey = Omit<StoredToolKey, 'createdAt' | 'retireAfter'>;

/** The tool's signing keys: one current key per registration, older ones published until retired. */
export function createToolKeyRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('lti_tool_keys as k')
      .select([
        'k.kid', 'k.registration_id as registrationId', 'k.private_key as privateKey',
        'k.public_jwk as publicJwk', 'k.origin', 'k.created_at as createdAt',
        'k.retire_after as retireAfter',
      ]);

  return {
    /** The registration's key not yet replaced (the newest if two instances raced): it signs. */
    async current(registrationId: string): Promise<StoredToolKey | undefined> {
      return base()
        .where('k.registration_id', '=', registrationId)
        .orderBy(sql`k.retire_after is null`, 'desc')
        .orderBy('k.created_at', 'desc')
        .orderBy('k.kid')
        .executeTakeFirst();
    },

    /** Keys still published at `now` (every current key, and replaced ones until retire_after). */
    async published(now: Date): Promise<StoredToolKey[]> {
      return base()
        .where((eb) => eb.or([eb('k.retire_after', 'is', null), eb('k.retire_after', '>', now)]))
        .orderBy('k.created_at')
        .orderBy('k.kid')
        .execute();
    },

    /**
     * Adds a key; a registration's earlier keys are published until `retireAfter`. One
     * transaction, so two instances rotating at once leave one current key each time.
     */
    async add(key: NewToolKey, createdAt: Date, retireAfter: Date | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('lti_tool_keys')
          .set({ retire_after: retireAfter })
          .where('registration_id', '=', key.registrationId)
          .where('retire_after', 'is', null)
          .execute();
        await trx
          .insertInto('lti_tool_keys')
          .values({
            kid: key.kid, registration_id: key.registrationId, private_key: key.privateKey,
            public_jwk: JSON.stringify(key.publicJwk), origin: key.origin, created_at: createdAt,
          })
          .onConflict((oc) => oc.column('kid').doNothing())
          .execute();
      });
    },
  };
}

export type ToolKeyRepository = ReturnType<typeof createToolKeyRepository>;
