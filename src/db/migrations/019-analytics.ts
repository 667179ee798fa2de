import { sql, type Kysely } from 'kysely';

/**
 * Program analytics (issue #16): the match-rate target an admin sets per program, and the audit
 * trail of matching weights changed from the dashboard's evidence ("what makes pairs work").
 */
const statements = [
  sql`create table analytics_settings (
    tenant_id uuid not null references tenants(id) on delete cascade,
    program_id uuid not null,
    match_rate_target integer not null check (match_rate_target between 1 and 100),
    updated_by uuid,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, program_id),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade
  )`,
  sql`create table matching_weight_changes (
    id uuid not null default gen_random_uuid(),
    tenant_id uuid not null references tenants(id) on delete cascade,
    program_id uuid not null,
    weights_before jsonb not null,
    weights_after jsonb not null,
    evidence jsonb not null,
    actor_user_id uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade
  )`,
  // The dashboard looks up each person's first circle and meetings, and each circle's ratings.
  sql`create index circle_members_participant_joined_idx on circle_members (participant_id, joined_at)`,
  sql`create index meeting_attendance_participant_idx on meeting_attendance (participant_id)`,
  sql`create index meeting_feedback_circle_idx on meeting_feedback (circle_id)`,
  sql`create index matching_weight_changes_program_idx
    on matching_weight_changes (tenant_id, program_id, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists meeting_feedback_circle_idx`.execute(db);
  await sql`drop index if exists meeting_attendance_participant_idx`.execute(db);
  await sql`drop index if exists circle_members_participant_joined_idx`.execute(db);
  await sql`drop table if exists matching_weight_changes`.execute(db);
  await sql`drop table if exists analytics_settings`.execute(db);
}
