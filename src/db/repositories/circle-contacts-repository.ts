import { sql } from 'kysely';
import type { MemberAvailability } from '../../mentoring/guided/shared-slots.js';
import type { WeeklyWindow } from '../../mentoring/matching/index.js';
import type { Db } from '../connection.js';

/** How a circle's members reach each other, and the reader's own time zone (from their profile). */
export interface CircleContactsStore {
  contacts(
    scope: { tenantId: string; courseId: string },
    programId: string,
    circleId: string,
    readerParticipantId: string,
  ): Promise<{ emails: Map<string, string>; readerZone: string | undefined }>;
  /** Each current member's weekly availability in their own zone (members without a profile: none). */
  availability(
    scope: { tenantId: string; courseId: string },
    programId: string,
    circleId: string,
  ): Promise<MemberAvailability[]>;
}

export function createCircleContactsRepository(db: Db): CircleContactsStore {
  return {
    async contacts(scope, programId, circleId, readerParticipantId) {
      const members = await db
        .selectFrom('circle_members as m')
        .innerJoin('circles as c', 'c.id', 'm.circle_id')
        .innerJoin('programs as pr', 'pr.id', 'c.program_id')
        .innerJoin('participants as pa', 'pa.id', 'm.participant_id')
        .innerJoin('users as u', 'u.id', 'pa.user_id')
        .select(['m.participant_id', 'u.email'])
        .where('pr.tenant_id', '=', scope.tenantId)
        .where('pr.course_id', '=', scope.courseId)
        .where('pr.id', '=', programId)
        .where('c.id', '=', circleId)
        .where('m.left_at', 'is', null)
        .execute();
      const profile = await db
        .selectFrom('profiles as pf')
        .innerJoin('programs as pr', 'pr.id', 'pf.program_id')
        .select(sql<string | null>`pf.answers ->> 'timeZone'`.as('zone'))
        .where('pr.tenant_id', '=', scope.tenantId)
        .where('pr.course_id', '=', scope.courseId)
        .where('pr.id', '=', programId)
        .where('pf.participant_id', '=', readerParticipantId)
        .executeTakeFirst();
      const emails = new Map(
        members.filter((m) => m.email).map((m) => [m.participant_id, m.email!]),
      );
      return { emails, readerZone: profile?.zone ?? undefined };
    },
    async availability(scope, programId, circleId) {
      const rows = await db
        .selectFrom('circle_members as m')
        .innerJoin('circles as c', 'c.id', 'm.circle_id')
        .innerJoin('programs as pr', 'pr.id', 'c.program_id')
        .leftJoin('profiles as pf', 'pf.participant_id', 'm.participant_id')
        .select(sql<string | null>`pf.answers ->> 'timeZone'`.as('zone'))
        .select(sql<WeeklyWindow[] | null>`pf.answers -> 'availability'`.as('windows'))
        .where('pr.tenant_id', '=', scope.tenantId)
        .where('pr.course_id', '=', scope.courseId)
        .where('pr.id', '=', programId)
        .where('c.id', '=', circleId)
        .where('m.left_at', 'is', null)
        .execute();
      return rows.map((r) => ({
        timeZone: r.zone ?? 'UTC',
        availability: r.zone ? (r.windows ?? []) : [],
      }));
    },
  };
}
