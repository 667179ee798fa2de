import { sql, type Kysely } from 'kysely';

/**
 * cmi5 AU sessions (issue #13): one row per launch of a cmi5 package by an LMS. It keeps what the
 * LMS gave the launch (cmi5 8.1 parameters, LMS.LaunchData) and the fetched auth token, sealed with
 * the secret box (purpose `cmi5-tokens`), so statements go to the LMS's LRS from the server only.
 * The *_at columns are the cmi5 defined statements sent, in order; once terminated_at or lost_at
 * is set nothing more is sent for the session.
 * @see https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md#content_launch
 */
const statements = [
  sql`create table cmi5_sessions (
    tenant_id uuid not null,
    id uuid not null,
    package_id uuid not null,
    user_id uuid not null,
    registration text not null,
    lms_session_id text not null,
    activity_id text not null,
    actor jsonb not null,
    endpoint text not null,
    auth_token text not null,
    context_template jsonb not null,
    launch_mode text not null check (launch_mode in ('Normal', 'Browse', 'Review')),
    move_on text,
    mastery_score double precision check (mastery_score between 0 and 1),
    return_url text,
    language_preference text,
    audio_preference text check (audio_preference in ('on', 'off')),
    exit_key_hash text not null,
    created_at timestamptz not null default now(),
    initialized_at timestamptz,
    completed_at timestamptz,
    passed_at timestamptz,
    failed_at timestamptz,
    terminated_at timestamptz,
    lost_at timestamptz,
    lost_reason text,
    primary key (tenant_id, id),
    unique (tenant_id, package_id, registration, lms_session_id),
    foreign key (tenant_id, package_id) references delivery_packages (tenant_id, id)
      on delete cascade,
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`,
  sql`create index cmi5_sessions_user_idx on cmi5_sessions (tenant_id, user_id, created_at)`,
  sql`create index cmi5_sessions_id_idx on cmi5_sessions (id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists cmi5_sessions`.execute(db);
}
