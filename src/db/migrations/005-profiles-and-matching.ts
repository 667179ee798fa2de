import { sql, type Kysely } from 'kysely';

const scoped = sql`tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid not null references programs(id) on delete cascade`;

const statements = [
  sql`create table program_skills (
    id uuid primary key default gen_random_uuid(),
    ${scoped},
    name text not null,
    position integer not null,
    created_at timestamptz not null default now()
  )`,
  sql`create unique index program_skills_name_idx on program_skills (program_id, lower(name))`,
  // Answers are one validated document; completeness is kept per role so the admin list stays a join.
  sql`create table profiles (
    participant_id uuid primary key references participants(id) on delete cascade,
    ${scoped},
    answers jsonb not null,
    completeness jsonb not null,
    completed_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
  sql`create index profiles_program_idx on profiles (tenant_id, program_id)`,
  sql`create table matching_settings (
    program_id uuid primary key references programs(id) on delete cascade,
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    settings jsonb not null,
    updated_by uuid references users(id) on delete set null,
    updated_at timestamptz not null default now()
  )`,
  sql`create table match_constraints (
    id uuid primary key default gen_random_uuid(),
    ${scoped},
    kind text not null check (kind in ('pin', 'forbid')),
    mentor_participant_id uuid not null references participants(id) on delete cascade,
    mentee_participant_id uuid not null references participants(id) on delete cascade,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now(),
    unique (program_id, mentor_participant_id, mentee_participant_id)
  )`,
  sql`create table match_proposals (
    id uuid primary key default gen_random_uuid(),
    ${scoped},
    status text not null default 'draft' check (status in ('draft', 'approved', 'discarded')),
    result jsonb not null,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now(),
    decided_by uuid references users(id) on delete set null,
    decided_at timestamptz
  )`,
  sql`create index match_proposals_program_idx on match_proposals (program_id, created_at desc)`,
  // Mentee-choice mode: a mentee's ranked requests; one at a time is pending with a mentor until its deadline.
  sql`create table match_choices (
    id uuid primary key default gen_random_uuid(),
    ${scoped},
    mentee_participant_id uuid not null references participants(id) on delete cascade,
    mentor_participant_id uuid not null references participants(id) on delete cascade,
    rank integer not null check (rank >= 1),
    score integer not null,
    status text not null check (status in ('queued', 'pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    deadline_at timestamptz,
    decided_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create index match_choices_mentee_idx on match_choices (program_id, mentee_participant_id)`,
  sql`create index match_choices_mentor_idx on match_choices (program_id, mentor_participant_id) where status = 'pending'`,
  sql`create table rotation_plans (
    program_id uuid primary key references programs(id) on delete cascade,
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    every_weeks integer not null check (every_weeks between 1 and 52),
    next_on date not null,
    last_rotated_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rotation_plans', 'match_choices', 'match_proposals', 'match_constraints', 'matching_settings', 'profiles', 'program_skills']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
