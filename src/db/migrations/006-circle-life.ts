import { sql, type Kysely } from 'kysely';

const tenant = sql`tenant_id uuid not null references lti_deployments(id) on delete cascade`;
const circle = sql`circle_id uuid not null references circles(id) on delete cascade`;

const statements = [
  // Each change of a contract is a new row: old versions stay readable, acknowledgements name a version.
  sql`create table contract_versions (
    id uuid primary key default gen_random_uuid(), ${tenant}, ${circle},
    version integer not null check (version >= 1),
    mentor_role text not null, mentee_objectives text not null, cadence text not null,
    confidentiality text not null, feedback_channel text not null, escalation_path text not null,
    proposed_by uuid not null references users(id) on delete cascade,
    created_at timestamptz not null default now(),
    agreed_at timestamptz,
    unique (circle_id, version)
  )`,
  sql`create table contract_acknowledgements (
    contract_version_id uuid not null references contract_versions(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    acknowledged_at timestamptz not null default now(),
    primary key (contract_version_id, user_id)
  )`,
  sql`create table circle_goals (
    id uuid primary key default gen_random_uuid(), ${tenant}, ${circle},
    owner_participant_id uuid not null references participants(id) on delete cascade,
    title text not null, measure text not null, achievable text not null, relevant text not null, due_on date not null,
    created_by uuid not null references users(id) on delete cascade,
    created_at timestamptz not null default now(), updated_at timestamptz not null default now()
  )`,
  sql`create index circle_goals_circle_idx on circle_goals (circle_id)`,
  sql`create table goal_milestones (
    id uuid primary key default gen_random_uuid(), ${tenant},
    goal_id uuid not null references circle_goals(id) on delete cascade,
    title text not null, criteria text not null, due_on date not null,
    status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done')),
    evidence text,
    completed_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create index goal_milestones_goal_idx on goal_milestones (goal_id)`,
  sql`create table circle_meetings (
    id uuid primary key default gen_random_uuid(), ${tenant}, ${circle},
    starts_at timestamptz not null,
    duration_minutes integer not null check (duration_minutes between 5 and 480),
    mode text not null check (mode in ('virtual', 'in_person')),
    place text, agenda text, notes text,
    -- RFC 5545 SEQUENCE: a changed meeting re-sent as .ics replaces the copy in the calendar.
    sequence integer not null default 0,
    created_by uuid not null references users(id) on delete cascade,
    created_at timestamptz not null default now(), updated_at timestamptz not null default now()
  )`,
  sql`create index circle_meetings_circle_idx on circle_meetings (circle_id, starts_at)`,
  sql`create table meeting_attendance (
    meeting_id uuid not null references circle_meetings(id) on delete cascade,
    participant_id uuid not null references participants(id) on delete cascade,
    -- Unmarking keeps the row (present = false): marking again later is not a second attendance event.
    present boolean not null default true,
    marked_by uuid not null references users(id) on delete cascade,
    marked_at timestamptz not null default now(),
    primary key (meeting_id, participant_id)
  )`,
  sql`create table meeting_feedback (
    id uuid primary key default gen_random_uuid(), ${tenant}, ${circle},
    meeting_id uuid not null references circle_meetings(id) on delete cascade,
    from_participant_id uuid not null references participants(id) on delete cascade,
    to_participant_id uuid not null references participants(id) on delete cascade,
    rating smallint not null check (rating between 1 and 5),
    comment text,
    created_at timestamptz not null default now(),
    unique (meeting_id, from_participant_id, to_participant_id),
    check (from_participant_id <> to_participant_id)
  )`,
  sql`create table survey_openings (
    program_id uuid primary key references programs(id) on delete cascade, ${tenant},
    opened_by uuid not null references users(id) on delete cascade,
    opened_at timestamptz not null default now()
  )`,
  // Who answered and what was answered live apart: answers carry no participant, so no query can name them.
  sql`create table survey_submissions (
    program_id uuid not null references programs(id) on delete cascade,
    participant_id uuid not null references participants(id) on delete cascade,
    submitted_at timestamptz not null default now(),
    primary key (program_id, participant_id)
  )`,
  sql`create table survey_answers (
    id uuid primary key default gen_random_uuid(), ${tenant},
    program_id uuid not null references programs(id) on delete cascade,
    goal_progress smallint not null check (goal_progress between 1 and 5),
    relationship smallint not null check (relationship between 1 and 5),
    confidence smallint not null check (confidence between 1 and 5),
    clarity smallint not null check (clarity between 1 and 5),
    would_recommend boolean not null,
    comment text
  )`,
  sql`create index survey_answers_program_idx on survey_answers (program_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['survey_answers', 'survey_submissions', 'survey_openings', 'meeting_feedback', 'meeting_attendance', 'circle_meetings', 'goal_milestones', 'circle_goals', 'contract_acknowledgements', 'contract_versions']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
