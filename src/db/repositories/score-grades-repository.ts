import { sql } from 'kysely';
import type { GradeStore, QueuedScore } from '../../mentoring/grades/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import { gradedParticipants, programLineItems } from './score-facts-repository.js';
import { queueScores, readGradeSettings } from './score-outbox-repository.js';

/**
 * The grades side of a program, every query scoped to the tenant and, through the program, the
 * course: a program id of another course finds nothing.
 */
export function createGradeStore(db: Db): GradeStore {
  const inCourse = async (q: Db, scope: CourseRef, programId: string) =>
    (await sql`select 1 from programs
      where tenant_id = ${scope.tenantId} and course_id = ${scope.courseId} and id = ${programId}`
      .execute(q)).rows.length === 1;
  return {
    async settings(scope, programId) {
      if (!(await inCourse(db, scope, programId))) return undefined;
      return readGradeSettings(db, scope.tenantId, programId);
    },
    async saveSettings(scope, programId, settings, asOf) {
      await db.transaction().execute(async (trx) => {
        if (!(await inCourse(trx, scope, programId))) return;
        await sql`insert into grade_settings (tenant_id, program_id, mode, weights)
          values (${scope.tenantId}, ${programId}, ${settings.mode},
            ${JSON.stringify(settings.weights)}::jsonb)
          on conflict (tenant_id, program_id) do update
            set mode = excluded.mode, weights = excluded.weights, updated_at = now()`
          .execute(trx);
        await queueScores(trx, scope.tenantId, programId, null, asOf);
      });
    },
    async participants(scope, programId) {
      if (!(await inCourse(db, scope, programId))) return [];
      return gradedParticipants(db, scope.tenantId, programId, null);
    },
    async lineItems(scope, programId) {
      if (!(await inCourse(db, scope, programId))) return [];
      const items = await programLineItems(db, scope.tenantId, programId);
      return items.map(({ url, scopes, title }) => ({ url, scopes, title }));
    },
    async lastQueued(scope, programId) {
      const { rows } = await sql<{ user_id: string; line_item_url: string;
        status: QueuedScore['status']; score: { scoreGiven?: number }; last_error: string | null;
        at: Date }>`
        select distinct on (o.user_id) o.user_id, o.line_item_url, o.status, o.score, o.last_error,
          coalesce(o.sent_at, o.created_at) as at
        from score_outbox o join programs p on p.tenant_id = o.tenant_id and p.id = o.program_id
        where o.tenant_id = ${scope.tenantId} and o.program_id = ${programId}
          and p.course_id = ${scope.courseId}
        order by o.user_id, o.seq desc`.execute(db);
      return rows.map((r) => ({
        userId: r.user_id, lineItemUrl: r.line_item_url, status: r.status,
        scoreGiven: r.score.scoreGiven ?? null, lastError: r.last_error, at: new Date(r.at),
      }));
    },
    async courseOffersAgs(scope) {
      return (await sql`select 1 from resource_links
        where tenant_id = ${scope.tenantId} and course_id = ${scope.courseId}
        and ags_scopes <> '[]'::jsonb limit 1`.execute(db)).rows.length === 1;
    },
    async queueAll(scope, programId, asOf) {
      return db.transaction().execute(async (trx) => {
        if (!(await inCourse(trx, scope, programId))) return 0;
        return queueScores(trx, scope.tenantId, programId, null, asOf, true);
      });
    },
  };
}
