import { sql } from 'kysely';
import type { Db } from '../../../src/db/connection.js';

export interface ScaleSize {
  mentors: number;
  mentees: number;
}

export interface ScaleTemplate {
  tenantId: string;
  courseId: string;
  programId: string;
  /** Participants whose complete profiles every clone copies, by role. */
  mentorTemplateId: string;
  menteeTemplateId: string;
  tag: string;
}

/**
 * Adds `size` people to the program in a few set-based statements: users enrolled from the
 * roster, participants, and profiles copied from the two templates (each clone gets its own
 * division and geography so that pairs score differently). Fast enough for 2,000 people.
 */
export async function addScalePeople(db: Db, t: ScaleTemplate, size: ScaleSize): Promise<void> {
  const total = size.mentors + size.mentees;
  const prefix = `scale-${t.tag}-`;
  await db.transaction().execute(async (trx) => {
    await sql`insert into users (tenant_id, subject, name, given_name, family_name, email)
      select ${t.tenantId}::uuid, ${prefix} || g, 'Person ' || lpad(g::text, 5, '0'), 'Person', lpad(g::text, 5, '0'),
        'person' || g || '@example.test'
      from generate_series(1, ${total}::int) g`.execute(trx);
    await sql`insert into enrolments (tenant_id, course_id, user_id, lti_roles, course_role, source)
      select u.tenant_id, ${t.courseId}::uuid, u.id, '[]'::jsonb, 'learner', 'roster'
      from users u where u.tenant_id = ${t.tenantId}::uuid and u.subject like ${`${prefix}%`}`.execute(
      trx,
    );
    await sql`insert into participants (tenant_id, program_id, user_id, program_role)
      select u.tenant_id, ${t.programId}::uuid, u.id,
        case when substr(u.subject, ${prefix.length + 1})::int <= ${size.mentors}::int then 'mentor' else 'mentee' end
      from users u where u.tenant_id = ${t.tenantId}::uuid and u.subject like ${`${prefix}%`}`.execute(
      trx,
    );
    await sql`insert into profiles (participant_id, tenant_id, program_id, answers, completeness, completed_at)
      select pa.id, pa.tenant_id, pa.program_id,
        tp.answers || jsonb_build_object('division', 'Division ' || (n % 7), 'geography', 'Country ' || (n % 11)),
        tp.completeness, now()
      from participants pa
      join users u on u.id = pa.user_id
      cross join lateral (select substr(u.subject, ${prefix.length + 1})::int as n) num
      join profiles tp on tp.participant_id = case when pa.program_role = 'mentor'
        then ${t.mentorTemplateId}::uuid else ${t.menteeTemplateId}::uuid end
      where pa.program_id = ${t.programId}::uuid and u.subject like ${`${prefix}%`}`.execute(trx);
  });
  await analyzeTables(db);
}

/** Fresh planner statistics after a bulk load, as autovacuum would gather them soon after. */
export async function analyzeTables(db: Db): Promise<void> {
  await sql`analyze users, enrolments, participants, profiles, circles, circle_members, xapi_outbox`.execute(
    db,
  );
}
