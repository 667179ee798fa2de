import { sql } from 'kysely';
import type { SetupProgressStore } from '../../mentoring/guided/setup-checklist.js';
import type { Db } from '../connection.js';

/** The program page's setup checklist in one statement, scoped by the program's course. */
export function createSetupProgressRepository(db: Db): SetupProgressStore {
  return {
    async counts(course, programId) {
      const row = await db
        .selectFrom('programs as pr')
        .where('pr.tenant_id', '=', course.tenantId)
        .where('pr.course_id', '=', course.courseId)
        .where('pr.id', '=', programId)
        .select([
          sql<number>`(select count(*) from participants pa where pa.program_id = pr.id and pa.status = 'active')`.as(
            'participants',
          ),
          sql<number>`(select count(*) from participants pa join profiles pf on pf.participant_id = pa.id
            where pa.program_id = pr.id and pa.status = 'active' and (pf.completeness ->> pa.program_role)::int = 100)`.as(
            'complete',
          ),
          sql<boolean>`exists (select 1 from roster_syncs rs where rs.tenant_id = pr.tenant_id and rs.course_id = pr.course_id
            and rs.status = 'succeeded')`.as('synced'),
          sql<
            string | null
          >`(select mp.status from match_proposals mp where mp.program_id = pr.id and mp.status <> 'discarded'
            order by mp.created_at desc limit 1)`.as('proposal'),
          sql<number>`(select count(*) from circles c where c.program_id = pr.id and c.status <> 'closed')`.as(
            'circles',
          ),
          sql<number>`(select count(*) from circles c where c.program_id = pr.id and c.status <> 'closed'
            and exists (select 1 from circle_meetings m where m.circle_id = c.id))`.as('met'),
          sql<string | null>`(select d.due_on from profile_deadlines d
            where d.tenant_id = pr.tenant_id and d.program_id = pr.id)`.as('due'),
        ])
        .executeTakeFirst();
      const proposal =
        row?.proposal === 'draft' || row?.proposal === 'approved' ? row.proposal : 'none';
      return {
        participants: Number(row?.participants ?? 0),
        completeProfiles: Number(row?.complete ?? 0),
        rosterSynced: Boolean(row?.synced),
        proposal,
        circles: Number(row?.circles ?? 0),
        circlesWithMeeting: Number(row?.met ?? 0),
        profilesDueOn: row?.due ?? null,
      };
    },
  };
}
