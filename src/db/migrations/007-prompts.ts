import { sql, type Kysely } from 'kysely';

const tenant = sql`tenant_id uuid not null references lti_deployments(id) on delete cascade`;

const statements = [
  // One row per program once its prompts are first needed: the schedule, and the mark that its copy of the library exists.
  sql`create table prompt_programs (
    program_id uuid primary key references programs(id) on delete cascade,
    ${tenant},
    cadence text not null check (cadence in ('weekly', 'fortnightly', 'monthly', 'custom')),
    every_days integer check (every_days between 1 and 90),
    send_hour integer not null default 9 check (send_hour between 0 and 23),
    starts_on date,
    ends_on date,
    nudge_after_days integer check (nudge_after_days between 1 and 365),
    nudge_repeat_days integer not null check (nudge_repeat_days between 1 and 365),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (cadence <> 'custom' or every_days is not null),
    check (ends_on is null or starts_on is null or ends_on > starts_on)
  )`,
  sql`create table prompts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    program_id uuid not null references programs(id) on delete cascade,
    library_key text,
    current_version integer not null default 1,
    retired_at timestamptz,
    created_at timestamptz not null default now(),
    unique (program_id, library_key)
  )`,
  // Content is never updated in place: an edit adds a version, so a delivered prompt keeps the words it was sent with.
  sql`create table prompt_versions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    prompt_id uuid not null references prompts(id) on delete cascade,
    version integer not null check (version >= 1),
    category text not null,
    title text not null,
    body text not null,
    audience text not null check (audience in ('mentor', 'mentee', 'circle')),
    program_types jsonb not null,
    minutes integer not null check (minutes between 2 and 10),
    follow_up text,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now(),
    unique (prompt_id, version)
  )`,
  sql`create table prompt_track_items (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    program_id uuid not null references programs(id) on delete cascade,
    prompt_id uuid not null references prompts(id) on delete cascade,
    position integer not null,
    unique (program_id, prompt_id)
  )`,
  // The idempotency key of the scheduler: one row per (circle, occurrence), whatever happened to it.
  sql`create table prompt_deliveries (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    program_id uuid not null references programs(id) on delete cascade,
    circle_id uuid not null references circles(id) on delete cascade,
    seq integer not null check (seq >= 0),
    due_at timestamptz not null,
    outcome text not null check (outcome in ('delivered', 'paused', 'off', 'empty', 'not_formed')),
    prompt_id uuid references prompts(id) on delete set null,
    prompt_version_id uuid references prompt_versions(id) on delete set null,
    recorded_at timestamptz not null default now(),
    unique (circle_id, seq),
    check (outcome <> 'delivered' or prompt_version_id is not null)
  )`,
  sql`create index prompt_deliveries_prompt_idx on prompt_deliveries (circle_id, prompt_id)`,
  sql`create table circle_prompt_pauses (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    circle_id uuid not null references circles(id) on delete cascade,
    paused_at timestamptz not null,
    resumed_at timestamptz,
    paused_by uuid references users(id) on delete set null
  )`,
  sql`create unique index circle_prompt_pauses_open_idx on circle_prompt_pauses (circle_id) where resumed_at is null`,
  // Staff changes to one circle's sequence: skip a prompt, or insert one before the track continues.
  sql`create table circle_prompt_changes (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    circle_id uuid not null references circles(id) on delete cascade,
    prompt_id uuid not null references prompts(id) on delete cascade,
    kind text not null check (kind in ('skip', 'insert')),
    used_by uuid references prompt_deliveries(id) on delete set null,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  sql`create index circle_prompt_changes_circle_idx on circle_prompt_changes (circle_id)`,
  sql`create table prompt_answers (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    delivery_id uuid not null references prompt_deliveries(id) on delete cascade,
    circle_id uuid not null references circles(id) on delete cascade,
    author_user_id uuid not null references users(id) on delete cascade,
    visibility text not null check (visibility in ('private', 'circle')),
    body text,
    review jsonb,
    created_at timestamptz not null default now(),
    unique (delivery_id, author_user_id),
    check ((body is null) <> (review is null))
  )`,
  sql`create index prompt_answers_circle_idx on prompt_answers (circle_id, created_at)`,
  sql`create table prompt_replies (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    answer_id uuid not null references prompt_answers(id) on delete cascade,
    author_user_id uuid not null references users(id) on delete cascade,
    body text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create index prompt_replies_answer_idx on prompt_replies (answer_id, created_at)`,
  sql`create table circle_nudges (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    circle_id uuid not null references circles(id) on delete cascade,
    seq integer not null check (seq >= 1),
    reason text not null,
    quiet_since timestamptz not null,
    starter text not null,
    sent_at timestamptz not null,
    unique (circle_id, seq)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['circle_nudges', 'prompt_replies', 'prompt_answers', 'circle_prompt_changes', 'circle_prompt_pauses', 'prompt_deliveries', 'prompt_track_items', 'prompt_versions', 'prompts', 'prompt_programs']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
