import { sql } from 'kysely';
import type { CircleMemberRef, MeetingActivity, NudgeStore } from '../../mentoring/prompts/ports.js';
import type { Db } from '../connection.js';
import { scheduleOf } from './prompt-library-repository.js';

export function createNudgeRepository(db: Db): NudgeStore {
  return {
    async activity(scope) {
      let query = db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').leftJoin('prompt_programs as pp', 'pp.program_id', 'c.program_id')
        .select(['c.id', 'c.name', 'c.program_id', 'c.status', 'c.started_on', 'c.time_zone', 'c.created_at', 'p.tenant_id', 'p.course_id'])
        .select(['pp.program_id as seeded', 'pp.cadence', 'pp.every_days', 'pp.send_hour', 'pp.starts_on', 'pp.ends_on', 'pp.nudge_after_days', 'pp.nudge_repeat_days'])
        .select([
          sql<boolean>`exists (select 1 from circle_prompt_pauses x where x.circle_id = c.id and x.resumed_at is null)`.as('paused'),
          sql<Date | null>`(select max(x.resumed_at) from circle_prompt_pauses x where x.circle_id = c.id)`.as('resumed_at'),
          sql<Date | null>`(select max(a.created_at) from prompt_answers a where a.circle_id = c.id)`.as('last_answer_at'),
        ])
        .where('c.status', '<>', 'closed').orderBy('c.created_at');
      if ('course' in scope) query = query.where('p.tenant_id', '=', scope.course.tenantId).where('p.course_id', '=', scope.course.courseId);
      if ('programId' in scope) query = query.where('c.program_id', '=', scope.programId);
      else if ('circleIds' in scope) query = query.where('c.id', 'in', scope.circleIds.length ? scope.circleIds : ['00000000-0000-0000-0000-000000000000']);
      else if (scope.programIds) query = query.where('c.program_id', 'in', scope.programIds.length ? scope.programIds : ['00000000-0000-0000-0000-000000000000']);
      const rows = await query.execute();
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      const [nudges, members] = await Promise.all([
        db.selectFrom('circle_nudges').select(['circle_id', 'seq', 'sent_at', 'starter']).where('circle_id', 'in', ids).orderBy('circle_id').orderBy('seq', 'desc').distinctOn('circle_id').execute(),
        db.selectFrom('circle_members as m').innerJoin('participants as pa', 'pa.id', 'm.participant_id').select(['m.circle_id', 'pa.user_id as userId', 'm.role'])
          .where('m.circle_id', 'in', ids).where('m.left_at', 'is', null).execute(),
      ]);
      const nudgeOf = new Map(nudges.map((n) => [n.circle_id, n]));
      const membersOf = new Map<string, CircleMemberRef[]>();
      for (const m of members) membersOf.get(m.circle_id)?.push({ userId: m.userId, role: m.role }) ?? membersOf.set(m.circle_id, [{ userId: m.userId, role: m.role }]);
      return rows.map((r) => {
        const nudge = nudgeOf.get(r.id);
        return {
          circleId: r.id, circleName: r.name, programId: r.program_id, status: r.status, startedOn: r.started_on, timeZone: r.time_zone, formedAt: r.created_at,
          paused: Boolean(r.paused), resumedAt: r.resumed_at ? new Date(r.resumed_at) : null, lastAnswerAt: r.last_answer_at ? new Date(r.last_answer_at) : null,
          lastNudge: nudge ? { seq: nudge.seq, sentAt: nudge.sent_at, starter: nudge.starter } : null,
          course: { tenantId: r.tenant_id, courseId: r.course_id },
          schedule: r.seeded === null ? null : scheduleOf({ ...r, cadence: r.cadence!, send_hour: r.send_hour!, nudge_repeat_days: r.nudge_repeat_days! }),
          members: membersOf.get(r.id) ?? [],
        };
      });
    },
  };
}

/**
 * Last meeting per circle from the meetings feature's table: a meeting held (started by now) or
 * newly scheduled counts as a sign of life. Read defensively, so prompts work whether or not
 * that feature is installed.
 */
export function createMeetingActivity(db: Db, now: () => Date): MeetingActivity {
  let installed = false;
  return {
    async lastMeetings(circleIds) {
      if (!circleIds.length) return new Map();
      if (!installed) {
        const found = await sql<{ ok: boolean }>`select to_regclass('circle_meetings') is not null as ok`.execute(db);
        installed = Boolean(found.rows[0]?.ok);
        if (!installed) return new Map();
      }
      const rows = await sql<{ circle_id: string; last: Date | null }>`
        select circle_id, greatest(max(starts_at) filter (where starts_at <= ${now()}), max(created_at)) as last
        from circle_meetings where circle_id = any(${circleIds}::uuid[]) group by circle_id`.execute(db);
      return new Map(rows.rows.filter((r) => r.last).map((r) => [r.circle_id, new Date(r.last!)]));
    },
  };
}
