import { sql, type Kysely } from 'kysely';

/**
 * Profiles due by (issue #15): an optional date per program by which profiles should be complete
 * for matching. A job reminds those whose profile is not complete a few days before; whom it
 * reminded is the notifications' own record (one per person and due date), so nothing is kept here.
 * Also: programs by last day, for the sweep that says the close-out survey is open.
 */
const statements = [
  sql`create table profile_deadlines (
    tenant_id uuid not null references tenants(id) on delete cascade,
    program_id uuid not null,
    due_on date not null,
    set_by uuid,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, program_id),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade
  )`,
  // The hourly sweep looks for due dates in the next few days across every tenant.
  sql`create index profile_deadlines_due_idx on profile_deadlines (due_on)`,
  // The daily sweep tells participants the survey is open on their program's last day.
  sql`create index programs_ends_on_idx on programs (ends_on)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists programs_ends_on_idx`.execute(db);
  await sql`drop table if exists profile_deadlines`.execute(db);
}
