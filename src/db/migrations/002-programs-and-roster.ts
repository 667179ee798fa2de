import { sql, type Kysely } from 'kysely';

const statements = [
  sql`alter table courses add column memberships_url text`,
  sql`alter table enrolments add column status text not null default 'active' check (status in ('active', 'inactive'))`,
  sql`alter table enrolments add column source text not null default 'launch' check (source in ('launch', 'roster'))`,
  sql`alter table enrolments add column left_at timestamptz`,
  sql`alter table enrolments alter column last_launch_at drop not null`,
  sql`alter table enrolments alter column last_launch_at drop default`,
  sql`create table programs (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    course_id uuid not null references courses(id) on delete cascade,
    title text not null,
    purpose text not null,
    purpose_detail text,
    program_types jsonb not null,
    virtual boolean not null default false,
    starts_on date not null,
    ends_on date not null check (ends_on > starts_on),
    cadence text not null,
    circle_size_min integer not null,
    circle_size_max integer not null check (circle_size_max >= circle_size_min),
    mentor_capacity integer not null,
    mentor_selection text not null,
    mentor_lms_roles jsonb not null default '[]'::jsonb,
    matching_mode text not null,
    confidentiality text not null,
    prompt_track text not null,
    duplicated_from uuid references programs(id) on delete set null,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create index programs_course_idx on programs (tenant_id, course_id)`,
  sql`alter table resource_links add column program_id uuid references programs(id) on delete set null`,
  sql`alter table resource_links add column activity text`,
  // participants.id doubles as the xAPI registration of this person in this program.
  sql`create table participants (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid not null references programs(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    program_role text not null check (program_role in ('mentee', 'mentor', 'both')),
    mentor_nomination text not null default 'none' check (mentor_nomination in ('none', 'nominated', 'approved', 'declined')),
    status text not null default 'active' check (status in ('active', 'inactive')),
    attention text,
    joined_at timestamptz not null default now(),
    left_at timestamptz,
    last_activity_at timestamptz,
    unique (program_id, user_id)
  )`,
  sql`create index participants_program_idx on participants (tenant_id, program_id)`,
  sql`create table deep_link_requests (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    course_id uuid not null references courses(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    settings jsonb not null,
    ags_granted boolean not null,
    created_at timestamptz not null default now(),
    used_at timestamptz
  )`,
  sql`create table roster_syncs (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    course_id uuid not null references courses(id) on delete cascade,
    trigger text not null check (trigger in ('manual', 'schedule')),
    status text not null check (status in ('running', 'succeeded', 'failed')),
    members_seen integer not null default 0,
    joined integer not null default 0,
    left_course integer not null default 0,
    pages integer not null default 0,
    error text,
    differences_url text,
    started_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  sql`create index roster_syncs_course_idx on roster_syncs (tenant_id, course_id, started_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['roster_syncs', 'deep_link_requests', 'participants']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
  await sql`alter table resource_links drop column if exists program_id, drop column if exists activity`.execute(db);
  await sql`drop table if exists programs`.execute(db);
  await sql`alter table enrolments drop column if exists status, drop column if exists source, drop column if exists left_at`.execute(db);
  await sql`alter table courses drop column if exists memberships_url`.execute(db);
}
