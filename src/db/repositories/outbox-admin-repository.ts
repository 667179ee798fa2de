import { sql } from 'kysely';
import type { HeldCounts, OutboxAdminStore, OutboxCounts } from '../../xapi/lrs-admin-ports.js';
import type { Db } from '../connection.js';
import { currentLrsJoin, held } from './outbox-pin.js';

/** What the staff LRS page reads and does: always scoped to the session's tenant and course. */
export function createOutboxAdminRepository(db: Db, options: { hasDefaultLrs: boolean }): OutboxAdminStore {
  const isHeld = held(options.hasDefaultLrs);
  return {
    async counts(scope) {
      const rows = await db.selectFrom('xapi_outbox').where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId)
        .select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute();
      const counts: OutboxCounts = { queued: 0, delivered: 0, failed: 0, dead: 0 };
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    },

    async problems(scope, limit) {
      const rows = await db.selectFrom('xapi_outbox').where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId)
        .where('status', 'in', ['failed', 'dead']).orderBy('status').orderBy('seq', 'desc').limit(limit)
        .select(['id', 'event_type', 'status', 'attempts', 'last_error', 'last_http_status', 'next_attempt_at', 'created_at']).execute();
      return rows.map((r) => ({
        id: r.id, eventType: r.event_type, status: r.status as 'failed' | 'dead', attempts: r.attempts, lastError: r.last_error,
        lastHttpStatus: r.last_http_status, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at,
      }));
    },

    async retry(scope, id) {
      let query = db.updateTable('xapi_outbox').set({ status: 'queued', next_attempt_at: new Date(), attempts: 0 })
        .where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId).where('status', 'in', ['failed', 'dead']);
      if (id) query = query.where('id', '=', id);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async held(scope) {
      // The tenant's LRS takes rows of every course; a program's LRS only that program's rows.
      const { rows } = await sql<{ program_id: string | null; n: string }>`
        select cur.program_id, count(*) as n from xapi_outbox o ${currentLrsJoin}
        where o.tenant_id = ${scope.tenantId} and ${isHeld} and (cur.program_id is null or o.course_id = ${scope.courseId})
        group by cur.program_id
      `.execute(db);
      const counts: HeldCounts = { tenant: 0, programs: {} };
      for (const r of rows) {
        if (r.program_id === null) counts.tenant = Number(r.n);
        else counts.programs[r.program_id] = Number(r.n);
      }
      return counts;
    },

    async resend(scope, target) {
      return db.transaction().execute(async (trx) => {
        const programId = target.kind === 'program' ? target.programId : null;
        const s = await trx.selectFrom('xapi_lrs_settings as s').leftJoin('programs as p', 'p.id', 's.program_id')
          .where('s.tenant_id', '=', scope.tenantId)
          .where((eb) => (programId
            ? eb.and([eb('s.program_id', '=', programId), eb('p.course_id', '=', scope.courseId), eb('p.tenant_id', '=', scope.tenantId)])
            : eb('s.program_id', 'is', null)))
          .select(['s.id', 's.endpoint', 's.endpoint_version']).forUpdate('s').executeTakeFirst();
        if (!s) return null;
        const { numAffectedRows } = await sql`
          update xapi_outbox o set lrs_settings_id = ${s.id}, lrs_endpoint_version = ${s.endpoint_version},
            next_attempt_at = case when o.status = 'dead' then o.next_attempt_at else now() end
          where o.id in (select o.id from xapi_outbox o ${currentLrsJoin}
            where o.tenant_id = ${scope.tenantId} and ${isHeld} and cur.id = ${s.id})
        `.execute(trx);
        const rows = Number(numAffectedRows ?? 0);
        await trx.insertInto('xapi_lrs_resends').values({
          tenant_id: scope.tenantId, program_id: programId, settings_id: s.id, endpoint: s.endpoint,
          endpoint_version: s.endpoint_version, rows, actor_user_id: scope.userId,
        }).execute();
        return { rows, endpoint: s.endpoint };
      });
    },
  };
}
