import { sql } from 'kysely';
import type { ApprovedPair, ProgramFacts, WeekFact } from '../../mentoring/analytics/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';

/** Week by week (Mondays, UTC) from `from` to `to`: one statement for every week together. */
export async function weekRows(db: Db, course: CourseRef, programId: string, range: { from: Date; to: Date }): Promise<WeekFact[]> {
  const t = course.tenantId;
  const { rows } = await sql<{ week: string; meetings: string; circles: string; delivered: string; answers: string; recipients: string }>`
    with prog as (select id, tenant_id from programs
      where id = ${programId} and tenant_id = ${t} and course_id = ${course.courseId}),
    weeks as (select w as start, w + interval '7 days' as stop
      from generate_series(${range.from}::timestamptz, ${range.to}::timestamptz - interval '7 days', interval '7 days') w),
    c as (select c.id, c.created_at, c.closed_at from circles c
      join prog on c.tenant_id = prog.tenant_id and c.program_id = prog.id),
    held as (select m.starts_at from circle_meetings m join c on c.id = m.circle_id
      where m.tenant_id = ${t} and m.starts_at >= ${range.from} and m.starts_at < ${range.to}
        and exists (select 1 from meeting_attendance a where a.tenant_id = m.tenant_id
          and a.meeting_id = m.id and a.present)),
    sizes as (select cm.circle_id, count(*) as n from circle_members cm join c on c.id = cm.circle_id
      where cm.tenant_id = ${t} and cm.left_at is null group by 1),
    sent as (select d.id, d.due_at, coalesce(sizes.n, 0) as members from prompt_deliveries d
      join c on c.id = d.circle_id left join sizes on sizes.circle_id = d.circle_id
      where d.tenant_id = ${t} and d.outcome = 'delivered' and d.due_at >= ${range.from} and d.due_at < ${range.to}),
    answered as (select sent.due_at, count(distinct a.author_user_id) as n from sent
      join prompt_answers a on a.tenant_id = ${t} and a.delivery_id = sent.id group by sent.id, sent.due_at)
    select to_char(weeks.start at time zone 'UTC', 'YYYY-MM-DD') as week,
      (select count(*) from held where held.starts_at >= weeks.start and held.starts_at < weeks.stop) as meetings,
      (select count(*) from c where c.created_at < weeks.stop
        and (c.closed_at is null or c.closed_at >= weeks.start)) as circles,
      (select count(*) from sent where sent.due_at >= weeks.start and sent.due_at < weeks.stop) as delivered,
      (select coalesce(sum(n), 0) from answered where answered.due_at >= weeks.start and answered.due_at < weeks.stop) as answers,
      (select coalesce(sum(members), 0) from sent where sent.due_at >= weeks.start and sent.due_at < weeks.stop) as recipients
    from weeks order by weeks.start`.execute(db);
  return rows.map((r) => ({
    week: r.week, meetingsHeld: Number(r.meetings), activeCircles: Number(r.circles), promptsDelivered: Number(r.delivered),
    promptAnswers: Number(r.answers), promptRecipients: Number(r.recipients),
  }));
}

/** Feedback ratings of the program's circles, counted by value (the comment is never read). */
export async function ratingCounts(db: Db, course: CourseRef, programId: string): Promise<ProgramFacts['ratings']> {
  const { rows } = await sql<{ rating: number; n: string }>`select f.rating, count(*) as n
    from programs p join circles c on c.tenant_id = p.tenant_id and c.program_id = p.id
    cross join lateral (select f.rating from meeting_feedback f where f.circle_id = c.id) f
    where p.id = ${programId} and p.tenant_id = ${course.tenantId} and p.course_id = ${course.courseId}
    group by f.rating`.execute(db);
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of rows) if (r.rating in counts) counts[r.rating as 1] = Number(r.n);
  return counts;
}

export async function surveyFacts(db: Db, course: CourseRef, programId: string): Promise<ProgramFacts['survey']> {
  const row = await db.selectFrom('survey_answers as s').innerJoin('programs as p', (j) => j.onRef('p.id', '=', 's.program_id').onRef('p.tenant_id', '=', 's.tenant_id'))
    .where('p.id', '=', programId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId)
    .select((eb) => [
      eb.fn.countAll<string>().as('answers'), sql<number | null>`avg(s.goal_progress)::float8`.as('goal'), sql<number | null>`avg(s.relationship)::float8`.as('rel'),
      sql<number | null>`avg(s.confidence)::float8`.as('conf'), sql<number | null>`avg(s.clarity)::float8`.as('clar'),
      sql<string>`count(*) filter (where s.would_recommend)`.as('yes'),
    ]).executeTakeFirstOrThrow();
  return { answers: Number(row.answers), goalProgress: row.goal, relationship: row.rel, confidence: row.conf, clarity: row.clar, wouldRecommend: Number(row.yes) };
}

/** The pairs of every approved proposal, newest proposal first, as the engine scored them. */
export async function approvedPairs(db: Db, course: CourseRef, programId: string): Promise<ApprovedPair[]> {
  const { rows } = await sql<{ pair: ApprovedPair }>`select pair from match_proposals mp
    join programs p on p.id = mp.program_id and p.tenant_id = mp.tenant_id
    cross join lateral jsonb_array_elements(coalesce(mp.result->'pairs', '[]'::jsonb)) pair
    where p.id = ${programId} and p.tenant_id = ${course.tenantId} and p.course_id = ${course.courseId}
      and mp.status = 'approved'
    order by mp.decided_at desc nulls last, mp.created_at desc`.execute(db);
  return rows.map((r) => ({ mentorId: r.pair.mentorId, menteeId: r.pair.menteeId, score: Number(r.pair.score), criteria: r.pair.criteria ?? [] }));
}
