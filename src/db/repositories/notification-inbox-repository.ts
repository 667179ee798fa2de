import { sql, type Kysely } from 'kysely';
import type { MailMode, Topic } from '../../mentoring/notifications/kinds.js';
import type { NotificationFacts } from '../../mentoring/notifications/messages.js';
import type {
  InboxItem, MailState, NotificationStore,
} from '../../mentoring/notifications/ports.js';
import type { CourseRef, CourseScope } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { createReminderQueries } from './notification-reminder-repository.js';
import { prepared } from '../prepared-statements.js';

const STATES: MailState[] = ['pending', 'digest', 'sent', 'failed', 'off', 'no_address'];

/** The person's own notifications in their course: the base of every inbox query. */
const mine = (q: Kysely<Database>, s: CourseScope) => q.selectFrom('notifications')
  .where('tenant_id', '=', s.tenantId).where('course_id', '=', s.courseId)
  .where('user_id', '=', s.userId);

const itemOf = (r: {
  id: string; topic: string; facts: unknown; program_id: string | null; circle_id: string | null;
  created_at: Date; read_at: Date | null; mail_status: MailState;
}): InboxItem => ({
  id: r.id, topic: r.topic as Topic, facts: r.facts as NotificationFacts, programId: r.program_id,
  circleId: r.circle_id, createdAt: r.created_at, readAt: r.read_at, mail: r.mail_status,
});

const COLUMNS = [
  'id', 'topic', 'facts', 'program_id', 'circle_id', 'created_at', 'read_at', 'mail_status',
] as const;

export function createNotificationStore(db: Db): NotificationStore {
  return {
    ...createReminderQueries(db),
    async inbox(scope, limit) {
      const rows = await mine(db, scope).select(COLUMNS).orderBy('created_at', 'desc').orderBy('id')
        .limit(limit).execute();
      return rows.map(itemOf);
    },
    async unreadCount(scope) {
      const row = await mine(db, scope).modifyFront(prepared).where('read_at', 'is', null)
        .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async markRead(scope, id, now) {
      const row = await db.updateTable('notifications').set({ read_at: now })
        .where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId)
        .where('user_id', '=', scope.userId).where('id', '=', id)
        .returning(COLUMNS).executeTakeFirst();
      return row ? itemOf(row) : undefined;
    },
    async markAllRead(scope, now) {
      const result = await db.updateTable('notifications').set({ read_at: now })
        .where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId)
        .where('user_id', '=', scope.userId).where('read_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async preferences(tenantId, userId) {
      const rows = await db.selectFrom('notification_preferences').select(['kind', 'mode'])
        .where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      return Object.fromEntries(rows.map((r) => [r.kind, r.mode]));
    },
    async savePreferences(tenantId, userId, modes) {
      const entries = Object.entries(modes) as Array<[string, MailMode]>;
      if (!entries.length) return;
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('notification_preferences')
          .values(entries.map(([kind, mode]) => ({
            tenant_id: tenantId, user_id: userId, kind, mode,
          })))
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind'])
            .doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode'), updated_at: new Date() })))
          .execute();
        // Mail not sent yet follows the new choice (an unsubscribe stops what already waits).
        await sql`update notifications n set mail_status = case c.mode when 'off' then 'off'
            when 'digest' then 'digest' else 'pending' end
          from jsonb_each_text(${JSON.stringify(modes)}::jsonb) as c(kind, mode)
          where n.tenant_id = ${tenantId} and n.user_id = ${userId} and n.kind = c.kind
            and n.mail_status in ('pending', 'digest')`.execute(trx);
      });
    },
    async hasAddress(tenantId, userId) {
      const row = await db.selectFrom('users').select('email').where('tenant_id', '=', tenantId)
        .where('id', '=', userId).executeTakeFirst();
      return Boolean(row?.email);
    },
    async queueCounts(course: CourseRef, programId) {
      const rows = await db.selectFrom('notifications').select(['mail_status'])
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', course.tenantId).where('course_id', '=', course.courseId)
        .where('program_id', '=', programId).groupBy('mail_status').execute();
      const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<MailState, number>;
      for (const r of rows) counts[r.mail_status] = Number(r.n);
      return counts;
    },
  };
}
