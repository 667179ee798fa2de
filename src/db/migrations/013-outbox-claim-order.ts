import { sql, type Kysely } from 'kysely';

/**
 * Outbox claims go oldest first (`seq`, write order) and hold back an actor's newer rows while an
 * older one is leased (see outbox-store.ts): both lookups stay small index scans on a backlog.
 */
const statements = [
  sql`create index xapi_outbox_pending_seq_idx on xapi_outbox (seq)
    where status in ('queued', 'failed')`,
  sql`create index xapi_outbox_leased_idx on xapi_outbox (claimed_until)
    where claimed_by is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists xapi_outbox_leased_idx`.execute(db);
  await sql`drop index if exists xapi_outbox_pending_seq_idx`.execute(db);
}
