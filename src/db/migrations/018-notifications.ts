import { sql, type Kysely } from 'kysely';

/**
 * Notifications (issue #15): one row per (event, person), written in the transaction of the
 * event; the in-tool inbox reads them, a job mails them (now, in a weekly digest, or not at all).
 * Per-person mail preferences per kind, and the LMS link each course's launches gave us.
 */
const statements = [
  sql`create table notifications (
    id uuid not null default gen_random_uuid(),
    tenant_id uuid not null references tenants(id) on delete cascade,
    course_id uuid not null,
    program_id uuid,
    circle_id uuid,
    user_id uuid not null,
    event_id uuid not null,
    kind text not null,
    topic text not null,
    facts jsonb not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    mail_status text not null
      check (mail_status in ('pending', 'digest', 'sent', 'failed', 'off', 'no_address')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    sent_at timestamptz,
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
    primary key (tenant_id, id),
    unique (tenant_id, event_id, user_id)
  )`,
  sql`create index notifications_id_idx on notifications (id)`,
  sql`create index notifications_inbox_idx on notifications (tenant_id, user_id, course_id, created_at desc)`,
  sql`create index notifications_due_idx on notifications (next_attempt_at) where mail_status = 'pending'`,
  sql`create index notifications_digest_idx on notifications (tenant_id, user_id) where mail_status = 'digest'`,
  sql`create index notifications_program_idx on notifications (tenant_id, program_id, mail_status)`,
  sql`create table notification_preferences (
    tenant_id uuid not null references tenants(id) on delete cascade,
    user_id uuid not null,
    kind text not null,
    mode text not null check (mode in ('now', 'digest', 'off')),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, user_id, kind),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`,
  // The course's page in the LMS (derived from a launch's launch_presentation.return_url): mails
  // link back through the LMS, never to a tool URL that would need a session.
  sql`create table notification_links (
    tenant_id uuid not null references tenants(id) on delete cascade,
    course_id uuid not null,
    lms_url text not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, course_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists notification_links`.execute(db);
  await sql`drop table if exists notification_preferences`.execute(db);
  await sql`drop table if exists notifications`.execute(db);
}
