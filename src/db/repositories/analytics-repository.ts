import { sql } from 'kysely';
import type { AnalyticsStore, CircleFact, ParticipantFact, ProgramSummaryFact } from '../../mentoring/analytics/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import { circleRows, participantRows, type CircleRow, type ParticipantRow } from './analytics-queries.js';
import { approvedPairs, ratingCounts, surveyFacts, weekRows } from './analytics-week-queries.js';
import { programOfCourse } from './program-scope.js';

const toParticipant = (r: ParticipantRow): ParticipantFact => ({
  role: r.role, joinedAt: r.joined_at, profileComplete: r.profile_complete, matchedAt: r.matched_at, contractAgreed: r.contract_agreed,
  metOnce: r.met, milestonesDone: Number(r.milestones_done), completed: r.completed,
  capacity: r.capacity === null ? null : Number(r.capacity), menteesNow: Number(r.mentees_now),
});

const toCircle = (r: CircleRow): CircleFact => ({
  circleId: r.id, name: r.name, status: r.status, startedOn: r.started_on, members: r.member_ids?.length ?? 0, memberIds: r.member_ids ?? [],
  contractAgreed: r.contract_agreed, meetingsHeld: Number(r.meetings_held), lastMeetingAt: r.last_meeting_at,
  milestonesDone: Number(r.milestones_done), milestonesTotal: Number(r.milestones_total), feedbackCount: Number(r.feedback_count),
  feedbackAverage: r.feedback_average === null ? null : Number(r.feedback_average),
  promptsDelivered: Number(r.prompts_delivered), promptAnswers: Number(r.prompt_answers),
});

/** The dashboard's facts (six statements for a program, one for a course) and its two writes. */
export function createAnalyticsRepository(db: Db): AnalyticsStore {
  return {
    async programFacts(course, programId, weeks) {
      const [participants, circles, weekFacts, ratings, survey, pairs] = await Promise.all([
        participantRows(db, course, programId), circleRows(db, course, programId), weekRows(db, course, programId, weeks),
        ratingCounts(db, course, programId), surveyFacts(db, course, programId), approvedPairs(db, course, programId),
      ]);
      return { participants: participants.map(toParticipant), circles: circles.map(toCircle), weeks: weekFacts, ratings, survey, pairs };
    },
    async courseSummary(course) {
      return courseSummary(db, course);
    },
    async matchRateTarget(course, programId) {
      const row = await db.selectFrom('analytics_settings').select('match_rate_target')
        .where('tenant_id', '=', course.tenantId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
      return row?.match_rate_target ?? null;
    },
    async saveMatchRateTarget(course, programId, target, userId) {
      const values = { match_rate_target: target, updated_by: userId, updated_at: new Date() };
      const result = await db.insertInto('analytics_settings').columns(['tenant_id', 'program_id', 'match_rate_target', 'updated_by'])
        .expression((eb) => eb.selectFrom('programs').select(['tenant_id', 'id', eb.val(target).as('t'), eb.val(userId).as('u')]).where('id', 'in', programOfCourse(course, programId)))
        .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doUpdateSet(values)).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async applyWeights(course, programId, change, settings, userId) {
      return db.transaction().execute(async (trx) => {
        const program = await trx.selectFrom('programs').select(['id', 'tenant_id']).where('id', 'in', programOfCourse(course, programId)).forUpdate().executeTakeFirst();
        if (!program) return false;
        const row = await trx.selectFrom('matching_settings').select('settings').where('tenant_id', '=', program.tenant_id).where('program_id', '=', program.id).executeTakeFirst();
        const inForce = (row?.settings as { weights?: unknown } | undefined)?.weights;
        if (inForce !== undefined && JSON.stringify(inForce) !== JSON.stringify(change.before)) return false;
        const json = JSON.stringify(settings);
        await trx.insertInto('matching_settings').values({ program_id: program.id, tenant_id: program.tenant_id, settings: json, updated_by: userId })
          .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doUpdateSet({ settings: json, updated_by: userId, updated_at: new Date() })).execute();
        await trx.insertInto('matching_weight_changes').values({
          tenant_id: program.tenant_id, program_id: program.id, weights_before: JSON.stringify(change.before),
          weights_after: JSON.stringify(change.after), evidence: JSON.stringify(change.evidence), actor_user_id: userId,
        }).execute();
        return true;
      });
    },
  };
}

async function courseSummary(db: Db, course: CourseRef): Promise<ProgramSummaryFact[]> {
  const { rows } = await sql<{ id: string; title: string; enrolled: string; mentees: string; matched: string; circles: string; meetings: string; completed: string; target: number | null }>`
    with prog as (select id, tenant_id, title, created_at from programs where tenant_id = ${course.tenantId} and course_id = ${course.courseId}),
    ppl as (select p.id, p.program_id, p.program_role from participants p join prog on p.tenant_id = prog.tenant_id and p.program_id = prog.id where p.status = 'active'),
    matched as (select distinct ppl.id from ppl join circle_members cm on cm.tenant_id = ${course.tenantId} and cm.participant_id = ppl.id),
    c as (select c.id, c.program_id from circles c join prog on c.tenant_id = prog.tenant_id and c.program_id = prog.id where c.status <> 'closed'),
    held as (select c.program_id, count(*) as n from circle_meetings m join c on c.id = m.circle_id where m.tenant_id = ${course.tenantId}
      and exists (select 1 from meeting_attendance a where a.tenant_id = m.tenant_id and a.meeting_id = m.id and a.present) group by 1),
    done as (select s.program_id, count(*) as n from survey_submissions s join prog on s.tenant_id = prog.tenant_id and s.program_id = prog.id group by 1)
    select prog.id, prog.title,
      (select count(*) from ppl where ppl.program_id = prog.id) as enrolled,
      (select count(*) from ppl where ppl.program_id = prog.id and ppl.program_role <> 'mentor') as mentees,
      (select count(*) from ppl join matched on matched.id = ppl.id where ppl.program_id = prog.id and ppl.program_role <> 'mentor') as matched,
      (select count(*) from c where c.program_id = prog.id) as circles,
      coalesce(held.n, 0) as meetings, coalesce(done.n, 0) as completed, s.match_rate_target as target
    from prog left join held on held.program_id = prog.id left join done on done.program_id = prog.id
    left join analytics_settings s on s.tenant_id = prog.tenant_id and s.program_id = prog.id
    order by prog.created_at, prog.id`.execute(db);
  return rows.map((r) => ({
    programId: r.id, title: r.title, enrolled: Number(r.enrolled), mentees: Number(r.mentees), matchedMentees: Number(r.matched),
    circles: Number(r.circles), meetingsHeld: Number(r.meetings), completed: Number(r.completed), target: r.target,
  }));
}
