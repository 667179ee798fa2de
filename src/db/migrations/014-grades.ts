import { sql, type Kysely } from 'kysely';

/**
 * Grades back to the LMS (issue #14, LTI AGS 2.0): the line item and scopes a launch's AGS claim
 * carries (per resource link), what a program's grade means, and the durable score queue.
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0#assignment-and-grade-service-claim
 */
const statements = [
  sql`alter table resource_links add column ags_lineitem_url text`,
  sql`alter table resource_links add column ags_scopes jsonb not null default '[]'::jsonb`,
  sql`create table grade_settings (
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid not null,
    mode text not null check (mode in ('participation', 'completion')),
    weights jsonb not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, program_id),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade
  )`,
  // One row per score to send. A newer row for the same line item and person supersedes the older
  // pending one; score_timestamp strictly increases per line item and person.
  sql`create table score_outbox (
    seq bigint generated always as identity,
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    platform_id uuid not null references lti_registrations(id) on delete cascade,
    program_id uuid not null,
    user_id uuid not null,
    line_item_url text not null,
    score jsonb not null,
    score_timestamp timestamptz not null,
    status text not null default 'pending'
      check (status in ('pending', 'sent', 'superseded', 'refused')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, seq),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade,
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`,
  sql`create index score_outbox_due_idx on score_outbox (platform_id, next_attempt_at)
    where status = 'pending'`,
  sql`create index score_outbox_person_idx
    on score_outbox (tenant_id, line_item_url, user_id, seq)`,
  sql`create index score_outbox_program_idx on score_outbox (tenant_id, program_id, user_id)`,
  // One delivery at a time per platform (an LMS registration, all its deployments), across
  // instances: LMSs throttle per client.
  sql`create table score_delivery_leases (
    platform_id uuid primary key references lti_registrations(id) on delete cascade,
    holder text not null,
    leased_until timestamptz not null,
    paused_until timestamptz
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists score_delivery_leases`.execute(db);
  await sql`drop table if exists score_outbox`.execute(db);
  await sql`drop table if exists grade_settings`.execute(db);
  await sql`alter table resource_links drop column if exists ags_scopes`.execute(db);
  await sql`alter table resource_links drop column if exists ags_lineitem_url`.execute(db);
}
