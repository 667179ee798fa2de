import { sql, type Kysely } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { NotificationStore } from '../../mentoring/notifications/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { enqueueIntents } from './notification-outbox-repository.js';

/** Active participants of the program with no complete profile and no circle. */
export const incompleteProfilesOf = (course: CourseRef, programId: string) => sql`
  select pa.user_id from participants pa
  join programs p on p.tenant_id = pa.tenant_id and p.id = pa.program_id
  left join profiles pr on pr.tenant_id = pa.tenant_id and pr.participant_id = pa.id
  where pa.tenant_id = ${course.tenantId} and pa.program_id = ${programId}
    and p.course_id = ${course.courseId} and pa.status = 'active' and pr.completed_at is null
    and not exists (select 1 from circle_members cm where cm.tenant_id = pa.tenant_id
      and cm.participant_id = pa.id and cm.left_at is null)`;

async function dueUsers(q: Kysely<Database>, course: CourseRef, programId: string, since: Date) {
  const { rows } = await sql<{ user_id: string }>`select i.user_id
    from (${incompleteProfilesOf(course, programId)}) i
    where not exists (select 1 from notifications n where n.tenant_id = ${course.tenantId}
      and n.user_id = i.user_id and n.program_id = ${programId} and n.topic = 'profile_reminder'
      and n.created_at > ${since})`.execute(q);
  return rows.map((r) => r.user_id);
}

type ReminderQueries = Pick<NotificationStore, 'remindIncompleteProfiles' | 'incompleteProfiles'>;

export function createReminderQueries(db: Db): ReminderQueries {
  return {
    async remindIncompleteProfiles(course, programId, remindedBy, now, quietHours) {
      return db.transaction().execute(async (trx) => {
        const since = new Date(now.getTime() - quietHours * 3_600_000);
        const users = await dueUsers(trx, course, programId, since);
        const event = {
          id: crypto.randomUUID(), type: 'profile_completed', occurredAt: now,
          tenantId: course.tenantId, courseId: course.courseId, programId, circleId: null,
          actorUserId: remindedBy, data: {},
        } as DomainEvent<'profile_completed'>;
        await enqueueIntents(trx, users.map((userId) => ({
          event, topic: 'profile_reminder' as const, audience: { to: 'user' as const, userId },
        })));
        return users.length;
      });
    },
    async incompleteProfiles(course, programId) {
      const { rows } = await sql<{ n: string }>`select count(*) as n
        from (${incompleteProfilesOf(course, programId)}) i`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
