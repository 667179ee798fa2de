import { sql } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import {
  remindOnFor,
  type ProfileDeadlineStore,
} from '../../mentoring/notifications/profile-deadline.js';
import type { Db } from '../connection.js';
import { NO_ACTOR, profilesDueEventId } from './notification-ids.js';
import { enqueueIntents } from './notification-outbox-repository.js';
import { incompleteProfilesOf } from './notification-reminder-repository.js';

/** Staff reminding by hand within this many hours counts as reminded. */
const MANUAL_QUIET_HOURS = 24;

export function createProfileDeadlineStore(db: Db): ProfileDeadlineStore {
  return {
    async get(course, programId) {
      const row = await db
        .selectFrom('profile_deadlines as d')
        .innerJoin('programs as p', (j) =>
          j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.program_id'),
        )
        .select('d.due_on')
        .where('d.tenant_id', '=', course.tenantId)
        .where('p.course_id', '=', course.courseId)
        .where('d.program_id', '=', programId)
        .executeTakeFirst();
      if (!row) return null;
      const sent = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', course.tenantId)
        .where('program_id', '=', programId)
        .where('event_id', '=', profilesDueEventId(programId, row.due_on))
        .executeTakeFirstOrThrow();
      return { dueOn: row.due_on, remindOn: remindOnFor(row.due_on), reminded: Number(sent.n) };
    },
    async set(course, programId, dueOn, setBy) {
      if (dueOn === null) {
        await db
          .deleteFrom('profile_deadlines')
          .where('tenant_id', '=', course.tenantId)
          .where('program_id', '=', programId)
          .execute();
        return;
      }
      await db
        .insertInto('profile_deadlines')
        .values({ tenant_id: course.tenantId, program_id: programId, due_on: dueOn, set_by: setBy })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'program_id']).doUpdateSet({
            due_on: dueOn,
            set_by: setBy,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },
    async near(today, until) {
      const rows = await db
        .selectFrom('profile_deadlines as d')
        .innerJoin('programs as p', (j) =>
          j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.program_id'),
        )
        .select(['d.tenant_id', 'p.course_id', 'd.program_id', 'd.due_on', 'd.set_by'])
        .where('d.due_on', '>=', today)
        .where('d.due_on', '<=', until)
        .orderBy('d.due_on')
        .execute();
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        courseId: r.course_id,
        programId: r.program_id,
        dueOn: r.due_on,
        setBy: r.set_by,
      }));
    },
    async remind(deadline, now) {
      return db.transaction().execute(async (trx) => {
        const eventId = profilesDueEventId(deadline.programId, deadline.dueOn);
        const since = new Date(now.getTime() - MANUAL_QUIET_HOURS * 3_600_000);
        const { rows } = await sql<{ user_id: string }>`select i.user_id
          from (${incompleteProfilesOf(deadline, deadline.programId)}) i
          where not exists (select 1 from notifications n
            where n.tenant_id = ${deadline.tenantId} and n.user_id = i.user_id
              and n.program_id = ${deadline.programId}
              and (n.event_id = ${eventId}
                or (n.topic = 'profile_reminder' and n.created_at > ${since})))`.execute(trx);
        // Follows no domain event: only the notification outbox sees this shape, never the xAPI one.
        const event = {
          id: eventId,
          type: 'profile_completed',
          occurredAt: now,
          tenantId: deadline.tenantId,
          courseId: deadline.courseId,
          programId: deadline.programId,
          circleId: null,
          actorUserId: deadline.setBy ?? NO_ACTOR,
          data: { dueOn: deadline.dueOn },
        } as unknown as DomainEvent<'profile_completed'>;
        await enqueueIntents(
          trx,
          rows.map(({ user_id: userId }) => ({
            event,
            topic: 'profile_due' as const,
            audience: { to: 'user' as const, userId },
          })),
        );
        return rows.length;
      });
    },
  };
}
