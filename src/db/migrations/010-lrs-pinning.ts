import { sql, type Kysely } from 'kysely';

/**
 * Statements keep the LRS they were recorded for: each outbox row is pinned to the settings row
 * (and that row's endpoint version) in force when it was written. A changed endpoint bumps the
 * version, so earlier rows wait for an administrator's explicit re-send instead of following it.
 */
const statements = [
  sql`alter table xapi_lrs_settings add column endpoint_version integer not null default 1`,
  sql`alter table xapi_outbox add column lrs_settings_id uuid, add column lrs_endpoint_version integer`,
  // Rows written before this migration were recorded for the LRS in force now.
  sql`update xapi_outbox o set lrs_settings_id = s.id, lrs_endpoint_version = s.endpoint_version
    from xapi_lrs_settings s
    where o.status <> 'delivered' and s.id = coalesce(
      (select p.id from xapi_lrs_settings p where p.tenant_id = o.tenant_id and p.program_id = o.program_id),
      (select t.id from xapi_lrs_settings t where t.tenant_id = o.tenant_id and t.program_id is null))`,
  // The audit trail of "re-send to the new LRS": who sent how many rows where.
  sql`create table xapi_lrs_resends (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid,
    settings_id uuid not null,
    endpoint text not null,
    endpoint_version integer not null,
    rows integer not null,
    actor_user_id uuid references users(id) on delete set null,
    created_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists xapi_lrs_resends`.execute(db);
  await sql`alter table xapi_outbox drop column lrs_settings_id, drop column lrs_endpoint_version`.execute(db);
  await sql`alter table xapi_lrs_settings drop column endpoint_version`.execute(db);
}
