import { sql, type Kysely } from 'kysely';

/**
 * The server-side record of each launch session: the URL token stays a signed JWT, but it is
 * only honoured while its row says so (idle timeout, revocation, a lower role at a later launch).
 */
const statements = [
  sql`create table tool_sessions (
    sid uuid primary key,
    tenant_id uuid not null references lti_deployments(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    course_id uuid not null references courses(id) on delete cascade,
    course_role text not null check (course_role in ('staff', 'learner')),
    tenant_admin boolean not null,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoked_reason text check (revoked_reason in ('role_lowered', 'revoked')),
    check (expires_at > created_at),
    check ((revoked_at is null) = (revoked_reason is null))
  )`,
  // A launch looks up the person's live sessions in the course to end those of a higher role.
  sql`create index tool_sessions_live_idx on tool_sessions (tenant_id, user_id, course_id) where revoked_at is null`,
  sql`create index tool_sessions_expires_idx on tool_sessions (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists tool_sessions`.execute(db);
}
