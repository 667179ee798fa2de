import { sql } from 'kysely';
import type { PeopleSearchStore } from '../../mentoring/profiles/people-search.js';
import type { Db } from '../connection.js';

/** Name search over one program's active participants (the profile's "not with" and manager boxes). */
export function createPeopleSearchRepository(db: Db): PeopleSearchStore {
  return {
    async search(scope, programId, { text, offset, limit }) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .selectFrom('participants as pa')
        .innerJoin('programs as pr', 'pr.id', 'pa.program_id')
        .innerJoin('users as u', 'u.id', 'pa.user_id')
        .select(['pa.id', 'u.name', 'u.given_name', 'u.family_name', 'u.subject'])
        .where('pr.tenant_id', '=', scope.tenantId)
        .where('pr.course_id', '=', scope.courseId)
        .where('pa.program_id', '=', programId)
        .where('pa.status', '=', 'active')
        .where('pa.user_id', '!=', scope.userId)
        .where('u.name', 'ilike', like)
        .orderBy('u.name')
        .orderBy('pa.id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name:
          r.name ??
          ([r.given_name, r.family_name].filter(Boolean).join(' ') || `Member ${r.subject}`),
      }));
    },
    async divisions(scope, programId, limit) {
      const rows = await db
        .selectFrom('profiles as pf')
        .innerJoin('programs as pr', 'pr.id', 'pf.program_id')
        .select(sql<string>`trim(pf.answers ->> 'division')`.as('division'))
        .where('pr.tenant_id', '=', scope.tenantId)
        .where('pr.course_id', '=', scope.courseId)
        .where('pr.id', '=', programId)
        .where(sql<boolean>`coalesce(trim(pf.answers ->> 'division'), '') <> ''`)
        .groupBy(sql`trim(pf.answers ->> 'division')`)
        .orderBy(sql`count(*)`, 'desc')
        .orderBy(sql`trim(pf.answers ->> 'division')`)
        .limit(limit)
        .execute();
      return rows.map((r) => r.division);
    },
  };
}
