import { sql } from 'kysely';
import type { OutboxAdminStore, OutboxCounts } from '../../xapi/lrs-admin-ports.js';
import type { Db } from '../connection.js';

/** What the staff LRS page reads and does: always scoped to the session's tenant and course. */
export function createOutboxAdminRepository(db: Db): OutboxAdminStore {
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
  };
}
