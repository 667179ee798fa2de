import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table circles (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    program_id uuid not null references programs(id) on delete cascade,
    name text not null,
    status text not null default 'active' check (status in ('active', 'paused', 'closed')),
    capacity integer not null check (capacity >= 2),
    started_on date not null,
    -- IANA zone the circle's schedule follows (agreed by its members; defaults to the mentor's).
    time_zone text not null default 'UTC',
    created_at timestamptz not null default now(),
    closed_at timestamptz
  )`,
  sql`create index circles_program_idx on circles (tenant_id, program_id)`,
  // Memberships are never deleted: leaving sets left_at, so moves, rebalancing and rotation keep their history.
  sql`create table circle_members (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    circle_id uuid not null references circles(id) on delete cascade,
    participant_id uuid not null references participants(id) on delete cascade,
    role text not null check (role in ('mentor', 'mentee', 'peer')),
    joined_at timestamptz not null default now(),
    left_at timestamptz,
    left_reason text,
    attention text
  )`,
  sql`create unique index circle_members_current_idx on circle_members (circle_id, participant_id) where left_at is null`,
  sql`create index circle_members_participant_idx on circle_members (participant_id) where left_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists circle_members`.execute(db);
  await sql`drop table if exists circles`.execute(db);
}
