import { sql, type Kysely } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { Database } from '../schema.js';
import { NO_ACTOR, surveyOpenEventId } from './notification-ids.js';
import { enqueueIntents } from './notification-outbox-repository.js';

/**
 * The close-out survey opened: each active participant who has not answered hears of it, in the
 * transaction of the opening. The id follows from the program, so nobody hears of it twice.
 */
export async function enqueueSurveyOpen(
  q: Kysely<Database>,
  opening: { tenantId: string; programId: string; openedBy: string; now: Date },
): Promise<number> {
  const eventId = surveyOpenEventId(opening.programId);
  const { rows } = await sql<{ course_id: string; user_id: string }>`
    select p.course_id, pa.user_id from programs p
    join participants pa on pa.tenant_id = p.tenant_id and pa.program_id = p.id
    where p.tenant_id = ${opening.tenantId} and p.id = ${opening.programId}
      and pa.status = 'active'
      and not exists (select 1 from survey_submissions s where s.tenant_id = pa.tenant_id
        and s.program_id = p.id and s.participant_id = pa.id)
      and not exists (select 1 from notifications n where n.tenant_id = pa.tenant_id
        and n.event_id = ${eventId} and n.user_id = pa.user_id)`.execute(q);
  const courseId = rows[0]?.course_id;
  if (!courseId) return 0;
  const event = {
    id: eventId,
    type: 'program_completed',
    occurredAt: opening.now,
    tenantId: opening.tenantId,
    courseId,
    programId: opening.programId,
    circleId: null,
    actorUserId: opening.openedBy,
    data: {},
  } as DomainEvent<'program_completed'>;
  await enqueueIntents(
    q,
    rows.map(({ user_id: userId }) => ({
      event,
      topic: 'survey_open' as const,
      audience: { to: 'user' as const, userId },
    })),
  );
  return rows.length;
}

export interface SurveyEndSweep {
  /** Programs (every tenant) whose last day is from `from` to `to`, inclusive. */
  endedBetween(from: string, to: string): Promise<Array<{ tenantId: string; programId: string }>>;
  /** Tells the program's participants, once each (an early opening already told counts). */
  notify(program: { tenantId: string; programId: string }, now: Date): Promise<number>;
}

export function createSurveyEndSweep(db: Kysely<Database>): SurveyEndSweep {
  return {
    async endedBetween(from, to) {
      const rows = await db
        .selectFrom('programs')
        .select(['tenant_id', 'id'])
        .where('ends_on', '>=', from)
        .where('ends_on', '<=', to)
        .orderBy('ends_on')
        .execute();
      return rows.map((r) => ({ tenantId: r.tenant_id, programId: r.id }));
    },
    notify: (program, now) =>
      db
        .transaction()
        .execute((trx) => enqueueSurveyOpen(trx, { ...program, openedBy: NO_ACTOR, now })),
  };
}
