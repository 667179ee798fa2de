import { sql, type Kysely } from 'kysely';

const statements = [
  // No foreign keys on tenant/course/program: an event outlives the rows it was about.
  sql`create table xapi_outbox (
    id uuid primary key,
    seq bigint generated always as identity,
    tenant_id uuid not null,
    course_id uuid not null,
    program_id uuid,
    event_type text not null,
    event jsonb not null,
    snapshot jsonb not null,
    statement_id uuid not null unique,
    status text not null default 'queued' check (status in ('queued', 'delivered', 'failed', 'dead')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    last_http_status integer,
    lrs_endpoint text,
    claimed_by uuid,
    claimed_until timestamptz,
    created_at timestamptz not null default now(),
    delivered_at timestamptz
  )`,
  sql`create index xapi_outbox_due_idx on xapi_outbox (next_attempt_at, seq) where status in ('queued', 'failed')`,
  sql`create index xapi_outbox_course_idx on xapi_outbox (tenant_id, course_id, status)`,
  // program_id null: the tenant's (platform deployment's) LRS; else that program's.
  sql`create table xapi_lrs_settings (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid references programs(id) on delete cascade,
    endpoint text not null,
    username text not null,
    secret_encrypted text not null,
    xapi_version text not null default '1.0.3',
    identity_mode text not null default 'account' check (identity_mode in ('account', 'email', 'pseudonymous')),
    updated_by uuid references users(id) on delete set null,
    updated_at timestamptz not null default now()
  )`,
  sql`create unique index xapi_lrs_settings_tenant_unique on xapi_lrs_settings (tenant_id) where program_id is null`,
  sql`create unique index xapi_lrs_settings_program_unique on xapi_lrs_settings (tenant_id, program_id) where program_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists xapi_lrs_settings`.execute(db);
  await sql`drop table if exists xapi_outbox`.execute(db);
}
