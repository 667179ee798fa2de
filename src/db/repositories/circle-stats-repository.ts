import { sql } from 'kysely';
import type { CircleNumbers, CircleStatsStore } from '../../mentoring/circle-life/progress-use-cases.js';
import type { Db } from '../connection.js';

interface Row {
  circle_id: string;
  contract_version: number | null;
  contract_agreed: boolean | null;
  goals: string;
  milestones_done: string;
  milestones_total: string;
  meetings_held: string;
  meetings_upcoming: string;
  feedback_count: string;
  feedback_average: number | null;
}

/** Counts only: this query reads no note, comment, agenda or answer text. */
export function createCircleStatsRepository(db: Db): CircleStatsStore {
  return {
    async forProgram(tenantId, programId, now) {
      const { rows } = await sql<Row>`
        select c.id as circle_id,
          latest.version as contract_version, latest.agreed_at is not null as contract_agreed,
          (select count(*) from circle_goals g where g.circle_id = c.id) as goals,
          (select count(*) filter (where ms.status = 'done') from goal_milestones ms join circle_goals g on g.id = ms.goal_id where g.circle_id = c.id) as milestones_done,
          (select count(*) from goal_milestones ms join circle_goals g on g.id = ms.goal_id where g.circle_id = c.id) as milestones_total,
          (select count(*) from circle_meetings m where m.circle_id = c.id
             and exists (select 1 from meeting_attendance a where a.meeting_id = m.id and a.present)) as meetings_held,
          (select count(*) from circle_meetings m where m.circle_id = c.id and m.starts_at > ${now}) as meetings_upcoming,
          (select count(*) from meeting_feedback f where f.circle_id = c.id) as feedback_count,
          (select avg(f.rating)::float8 from meeting_feedback f where f.circle_id = c.id) as feedback_average
        from circles c
        left join lateral (select cv.version, cv.agreed_at from contract_versions cv where cv.circle_id = c.id order by cv.version desc limit 1) latest on true
        where c.tenant_id = ${tenantId} and c.program_id = ${programId}
      `.execute(db);
      return rows.map((r): CircleNumbers => ({
        circleId: r.circle_id, contractVersion: r.contract_version, contractAgreed: Boolean(r.contract_agreed), goals: Number(r.goals),
        milestonesDone: Number(r.milestones_done), milestonesTotal: Number(r.milestones_total), meetingsHeld: Number(r.meetings_held),
        meetingsUpcoming: Number(r.meetings_upcoming), feedbackCount: Number(r.feedback_count), feedbackAverage: r.feedback_average === null ? null : Number(r.feedback_average),
      }));
    },
  };
}
