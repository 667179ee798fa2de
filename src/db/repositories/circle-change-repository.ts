import type { Transaction } from 'kysely';
import type { CircleChange, CircleChangeStore, CircleIdOf } from '../../mentoring/circles/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { applyChangesInBatches } from './circle-change-batches.js';
import { appendToOutbox } from './outbox-repository.js';

type Trx = Transaction<Database>;

/** Applies circle changes inside the caller's transaction, in a bounded number of statements. */
export async function applyCircleChanges(trx: Trx, course: CourseRef, changes: readonly CircleChange[]): Promise<CircleIdOf> {
  return applyChangesInBatches(trx, course, changes);
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
