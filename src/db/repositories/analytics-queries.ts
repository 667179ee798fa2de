import { sql } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';

/**
 * The dashboard's set-based reads: one statement each, whatever the program's size. They read
 * counts, dates and ratings only: never a note, comment, agenda, answer, reply or journal text.
 * Every one starts from the program, scoped to the tenant and course.
 */

export interface ParticipantRow {
  id: string;
  role: 'mentee' | 'mentor' | 'both';
  joined_at: Date;
  profile_complete: boolean;
  capacity: number | null;
  matched_at: Date | null;
  contract_agreed: boolean;
  met: boolean;
  milestones_done: string;
  completed: boolean;
  mentees_now: string;
}

/** Per participant, correlated lookups by index (see circleQuery for why not joins of aggregates). */
export async function participantRows(db: Db, course: CourseRef, programId: string) {
  return (await participantQuery(course, programId).execute(db)).rows;
}

export function participantQuery(course: CourseRef, programId: string) {
  return sql<ParticipantRow>`select pa.id, pa.program_role as role, pa.joined_at,
      pr.completed_at is not null as profile_complete,
      coalesce(case when jsonb_typeof(pr.answers->'capacity') = 'number'
        then (pr.answers->>'capacity')::int end, p.mentor_capacity) as capacity,
      (select min(cm.joined_at) from circle_members cm where cm.participant_id = pa.id) as matched_at,
      exists (select 1 from circle_members cm join contract_versions cv on cv.circle_id = cm.circle_id
        where cm.participant_id = pa.id and cv.agreed_at is not null) as contract_agreed,
      exists (select 1 from meeting_attendance a where a.participant_id = pa.id and a.present) as met,
      (select count(*) from circle_members cm join circle_goals g on g.circle_id = cm.circle_id
        join goal_milestones ms on ms.goal_id = g.id where cm.participant_id = pa.id and ms.status = 'done') as milestones_done,
      exists (select 1 from survey_submissions s where s.program_id = p.id and s.participant_id = pa.id) as completed,
      (select count(*) from circle_members mm join circle_members o on o.circle_id = mm.circle_id
        and o.left_at is null and o.role <> 'mentor'
        where mm.participant_id = pa.id and mm.role = 'mentor' and mm.left_at is null) as mentees_now
    from programs p
    join participants pa on pa.tenant_id = p.tenant_id and pa.program_id = p.id and pa.status = 'active'
    left join profiles pr on pr.tenant_id = pa.tenant_id and pr.participant_id = pa.id
    where p.id = ${programId} and p.tenant_id = ${course.tenantId} and p.course_id = ${course.courseId}`;
}

export interface CircleRow {
  id: string;
  name: string;
  status: 'active' | 'paused' | 'closed';
  started_on: string;
  member_ids: string[] | null;
  contract_agreed: boolean;
  meetings_held: string;
  last_meeting_at: Date | null;
  milestones_done: string;
  milestones_total: string;
  feedback_count: string;
  feedback_average: number | null;
  prompts_delivered: string;
  prompt_answers: string;
}

export async function circleRows(db: Db, course: CourseRef, programId: string) {
  return (await circleQuery(course, programId).execute(db)).rows;
}

/**
 * Per circle, correlated lookups by index (circle_id leads each): the planner cannot turn them
 * into a join that rescans aggregates per circle, which it does when statistics are stale
 * (PGlite has no autovacuum to refresh them after a bulk import).
 */
export function circleQuery(course: CourseRef, programId: string) {
  return sql<CircleRow>`select c.id, c.name, c.status, c.started_on::text as started_on,
      (select array_agg(cm.participant_id) from circle_members cm
        where cm.circle_id = c.id and cm.left_at is null) as member_ids,
      exists (select 1 from contract_versions cv where cv.circle_id = c.id and cv.agreed_at is not null) as contract_agreed,
      held.n as meetings_held, held.last_at as last_meeting_at,
      ms.done as milestones_done, ms.total as milestones_total, fb.n as feedback_count, fb.average as feedback_average,
      (select count(*) from prompt_deliveries d where d.circle_id = c.id and d.outcome = 'delivered') as prompts_delivered,
      (select count(distinct (a.delivery_id, a.author_user_id)) from prompt_answers a where a.circle_id = c.id) as prompt_answers
    from programs p
    join circles c on c.tenant_id = p.tenant_id and c.program_id = p.id
    cross join lateral (select count(*) as n, max(m.starts_at) as last_at from circle_meetings m
      where m.circle_id = c.id and exists (select 1 from meeting_attendance a where a.meeting_id = m.id and a.present)) held
    cross join lateral (select count(*) filter (where ms.status = 'done') as done, count(ms.id) as total
      from circle_goals g join goal_milestones ms on ms.goal_id = g.id where g.circle_id = c.id) ms
    cross join lateral (select count(*) as n, avg(f.rating)::float8 as average from meeting_feedback f
      where f.circle_id = c.id) fb
    where p.id = ${programId} and p.tenant_id = ${course.tenantId} and p.course_id = ${course.courseId}
    order by c.created_at, c.id`;
}
