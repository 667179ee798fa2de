import { sql, type Transaction } from 'kysely';
import type { CircleChange, CircleChangeStore, CircleIdOf } from '../../mentoring/circles/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';

type Trx = Transaction<Database>;

const circleOfCourse = (trx: Trx, course: CourseRef, circleId: string) =>
  trx.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id')
    .where('c.id', '=', circleId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId);

async function step(trx: Trx, course: CourseRef, change: CircleChange, idOf: CircleIdOf, created: Map<string, string>): Promise<number> {
  switch (change.kind) {
    case 'create': {
      const { circle } = change;
      const row = await trx.insertInto('circles').columns(['tenant_id', 'program_id', 'name', 'capacity', 'started_on', 'time_zone'])
        .expression(trx.selectFrom('programs').select([
          'tenant_id', 'id', sql<string>`${circle.name}::text`.as('name'), sql<number>`${circle.capacity}::int`.as('capacity'),
          sql<string>`${circle.startedOn}::date`.as('started_on'), sql<string>`${circle.timeZone ?? 'UTC'}::text`.as('time_zone'),
        ]).where('id', '=', circle.programId).where('tenant_id', '=', course.tenantId).where('course_id', '=', course.courseId))
        .returning('id').executeTakeFirst();
      if (row) created.set(change.key, row.id);
      return row ? 1 : 0;
    }
    case 'join': {
      const rows = await trx.insertInto('circle_members').columns(['tenant_id', 'circle_id', 'participant_id', 'role'])
        .expression(circleOfCourse(trx, course, idOf(change.circle)).innerJoin('participants as pa', 'pa.program_id', 'c.program_id')
          .select(['c.tenant_id', 'c.id', 'pa.id as participant_id', sql<string>`${change.role}::text`.as('role')]).where('pa.id', '=', change.participantId))
        .returning('id').execute();
      return rows.length;
    }
    case 'leave': {
      const result = await trx.updateTable('circle_members').set({ left_at: new Date(), left_reason: change.reason })
        .where('circle_id', 'in', circleOfCourse(trx, course, change.circleId).select('c.id'))
        .where('participant_id', '=', change.participantId).where('left_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    }
    case 'close': {
      const result = await trx.updateTable('circles').set({ status: 'closed', closed_at: new Date() })
        .where('id', 'in', circleOfCourse(trx, course, change.circleId).select('c.id')).executeTakeFirst();
      return Number(result.numUpdatedRows);
    }
  }
}

/** Applies circle changes inside the caller's transaction; any step that touches no row aborts it. */
export async function applyCircleChanges(trx: Trx, course: CourseRef, changes: readonly CircleChange[]): Promise<CircleIdOf> {
  const created = new Map<string, string>();
  const idOf: CircleIdOf = (ref) => {
    const id = 'id' in ref ? ref.id : created.get(ref.key);
    if (!id) throw new Error(`Circle ${JSON.stringify(ref)} is not part of this change`);
    return id;
  };
  for (const change of changes) {
    if ((await step(trx, course, change, idOf, created)) !== 1) throw new Error(`Circle change refused: ${JSON.stringify(change)}`);
  }
  return idOf;
}

export function createCircleChangeRepository(db: Db): CircleChangeStore {
  return {
    async apply(course, changes, toEvents) {
      await db.transaction().execute(async (trx) => {
        const idOf = await applyCircleChanges(trx, course, changes);
        await appendToOutbox(trx, toEvents(idOf));
      });
    },
    async history(course, programId) {
      const rows = await db.selectFrom('circle_members as m').innerJoin('circles as c', 'c.id', 'm.circle_id').innerJoin('programs as p', 'p.id', 'c.program_id')
        .select(['m.circle_id', 'm.participant_id', 'm.role', 'm.joined_at', 'm.left_at'])
        .where('p.id', '=', programId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId).orderBy('m.joined_at').execute();
      return rows.map((r) => ({ circleId: r.circle_id, participantId: r.participant_id, role: r.role, joinedAt: r.joined_at, leftAt: r.left_at }));
    },
  };
}
