import { sql } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';

/**
 * The dashboard's set-based reads: one statement each, whatever the program's size. They read
 * counts, dates and ratings only: never a note, comment, agenda, answer, reply or journal text.
 * Every one starts from the program scoped to the tenant and course (`prog`).
 */
const prog = (course: CourseRef, programId: string) => sql`prog as (
  select id, tenant_id, mentor_capacity from programs
  where id = ${programId} and tenant_id = ${course.tenantId} and course_id = ${course.courseId})`;

export interface ParticipantRow {
  id: string;
  role: 'mentee' | 'mentor' | 'both';
  joined_at: Date;
  profile_complete: boolean;
  capacity: number | null;
  matched_at: Date | null;
  contract_agreed: boolean;
  first_meeting_at: Date | null;
  milestones_done: string;
  completed: boolean;
  mentees_now: string;
}

export async function participantRows(db: Db, course: CourseRef, programId: string) {
  const { rows } = await sql<ParticipantRow>`with ${prog(course, programId)},
    ppl as (select p.id, p.tenant_id, p.program_role, p.joined_at from participants p
      join prog on p.tenant_id = prog.tenant_id and p.program_id = prog.id where p.status = 'active'),
    mem as (select cm.participant_id, cm.circle_id, cm.joined_at, cm.left_at, cm.role from circle_members cm
      join ppl on ppl.tenant_id = cm.tenant_id and ppl.id = cm.participant_id),
    firsts as (select participant_id, min(joined_at) as matched_at from mem group by 1),
    agreed as (select distinct mem.participant_id from mem join contract_versions cv
      on cv.tenant_id = ${course.tenantId} and cv.circle_id = mem.circle_id and cv.agreed_at is not null),
    met as (select a.participant_id, min(m.starts_at) as first_at from meeting_attendance a
      join ppl on ppl.tenant_id = a.tenant_id and ppl.id = a.participant_id
      join circle_meetings m on m.tenant_id = a.tenant_id and m.id = a.meeting_id
      where a.present group by 1),
    done_ms as (select mem.participant_id, count(*) as done from mem
      join circle_goals g on g.tenant_id = ${course.tenantId} and g.circle_id = mem.circle_id
      join goal_milestones ms on ms.tenant_id = g.tenant_id and ms.goal_id = g.id and ms.status = 'done'
      group by 1),
    finished as (select s.participant_id from survey_submissions s join prog
      on s.tenant_id = prog.tenant_id and s.program_id = prog.id),
    load as (select mm.participant_id, count(o.participant_id) as mentees from mem mm
      join circle_members o on o.tenant_id = ${course.tenantId} and o.circle_id = mm.circle_id
        and o.left_at is null and o.role <> 'mentor'
      where mm.role = 'mentor' and mm.left_at is null group by 1)
    select ppl.id, ppl.program_role as role, ppl.joined_at,
      pr.completed_at is not null as profile_complete,
      coalesce(case when jsonb_typeof(pr.answers->'capacity') = 'number'
        then (pr.answers->>'capacity')::int end, prog.mentor_capacity) as capacity,
      firsts.matched_at, agreed.participant_id is not null as contract_agreed,
      met.first_at as first_meeting_at, coalesce(done_ms.done, 0) as milestones_done,
      finished.participant_id is not null as completed, coalesce(load.mentees, 0) as mentees_now
    from ppl cross join prog
    left join profiles pr on pr.tenant_id = ppl.tenant_id and pr.participant_id = ppl.id
    left join firsts on firsts.participant_id = ppl.id
    left join agreed on agreed.participant_id = ppl.id
    left join met on met.participant_id = ppl.id
    left join done_ms on done_ms.participant_id = ppl.id
    left join finished on finished.participant_id = ppl.id
    left join load on load.participant_id = ppl.id`.execute(db);
  return rows;
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
  const t = course.tenantId;
  const { rows } = await sql<CircleRow>`with ${prog(course, programId)},
    c as (select c.* from circles c join prog on c.tenant_id = prog.tenant_id and c.program_id = prog.id),
    members as (select cm.circle_id, array_agg(cm.participant_id) as ids from circle_members cm
      join c on c.id = cm.circle_id where cm.tenant_id = ${t} and cm.left_at is null group by 1),
    agreed as (select distinct cv.circle_id from contract_versions cv join c on c.id = cv.circle_id
      where cv.tenant_id = ${t} and cv.agreed_at is not null),
    held as (select m.circle_id, count(*) as n, max(m.starts_at) as last_at from circle_meetings m
      join c on c.id = m.circle_id where m.tenant_id = ${t} and exists (select 1 from meeting_attendance a
        where a.tenant_id = m.tenant_id and a.meeting_id = m.id and a.present) group by 1),
    ms as (select g.circle_id, count(*) filter (where ms.status = 'done') as done, count(*) as total
      from circle_goals g join c on c.id = g.circle_id
      join goal_milestones ms on ms.tenant_id = g.tenant_id and ms.goal_id = g.id
      where g.tenant_id = ${t} group by 1),
    fb as (select f.circle_id, count(*) as n, avg(f.rating)::float8 as average from meeting_feedback f
      join c on c.id = f.circle_id where f.tenant_id = ${t} group by 1),
    pd as (select d.circle_id, count(*) as n from prompt_deliveries d join c on c.id = d.circle_id
      where d.tenant_id = ${t} and d.outcome = 'delivered' group by 1),
    pa as (select a.circle_id, count(distinct (a.delivery_id, a.author_user_id)) as n
      from prompt_answers a join c on c.id = a.circle_id where a.tenant_id = ${t} group by 1)
    select c.id, c.name, c.status, c.started_on::text as started_on, members.ids as member_ids,
      agreed.circle_id is not null as contract_agreed, coalesce(held.n, 0) as meetings_held,
      held.last_at as last_meeting_at, coalesce(ms.done, 0) as milestones_done,
      coalesce(ms.total, 0) as milestones_total, coalesce(fb.n, 0) as feedback_count,
      fb.average as feedback_average, coalesce(pd.n, 0) as prompts_delivered,
      coalesce(pa.n, 0) as prompt_answers
    from c left join members on members.circle_id = c.id left join agreed on agreed.circle_id = c.id
    left join held on held.circle_id = c.id left join ms on ms.circle_id = c.id
    left join fb on fb.circle_id = c.id left join pd on pd.circle_id = c.id
    left join pa on pa.circle_id = c.id
    order by c.created_at, c.id`.execute(db);
  return rows;
}
