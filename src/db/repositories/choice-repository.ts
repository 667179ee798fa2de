import type { ChoiceStore, RotationStore } from '../../mentoring/matches/ports.js';
import type { Db } from '../connection.js';
import { applyCircleChanges } from './circle-change-repository.js';
import { appendToOutbox } from './outbox-repository.js';
import { programOfCourse } from './program-scope.js';

/** Mentee-choice requests of a program of the course. */
export function createChoiceRepository(db: Db): ChoiceStore {
  return {
    async list(course, programId) {
      const rows = await db.selectFrom('match_choices').select(['id', 'mentee_participant_id', 'mentor_participant_id', 'rank', 'score', 'status', 'deadline_at'])
        .where('program_id', 'in', programOfCourse(course, programId)).orderBy('created_at').orderBy('rank').execute();
      return rows.map((r) => ({ id: r.id, menteeId: r.mentee_participant_id, mentorId: r.mentor_participant_id, rank: r.rank, score: r.score, status: r.status, deadline: r.deadline_at }));
    },
    async rank(course, programId, menteeId, ranked, deadline, events) {
      await db.transaction().execute(async (trx) => {
        const mentee = await trx.selectFrom('participants').select('id').where('id', '=', menteeId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
        if (!mentee) throw new Error('The mentee is not a participant of this program.');
        await trx.updateTable('match_choices').set({ status: 'withdrawn', decided_at: new Date() })
          .where('program_id', '=', programId).where('mentee_participant_id', '=', menteeId).where('status', 'in', ['pending', 'queued']).execute();
        await trx.insertInto('match_choices').values(ranked.map((r, i) => ({
          tenant_id: course.tenantId, program_id: programId, mentee_participant_id: menteeId, mentor_participant_id: r.mentorId,
          rank: i + 1, score: r.score, status: i === 0 ? 'pending' as const : 'queued' as const, deadline_at: i === 0 ? deadline : null,
        }))).execute();
        await appendToOutbox(trx, events);
      });
    },
    async settle(course, programId, choiceId, outcome, next, circles) {
      return db.transaction().execute(async (trx) => {
        const settled = await trx.updateTable('match_choices').set({ status: outcome, decided_at: new Date() })
          .where('id', '=', choiceId).where('status', '=', 'pending').where('program_id', 'in', programOfCourse(course, programId))
          .returning('mentee_participant_id').executeTakeFirst();
        if (!settled) return false;
        if (outcome === 'accepted') {
          await trx.updateTable('match_choices').set({ status: 'withdrawn', decided_at: new Date() })
            .where('program_id', '=', programId).where('mentee_participant_id', '=', settled.mentee_participant_id).where('status', 'in', ['pending', 'queued']).execute();
        }
        if (next) {
          await trx.updateTable('match_choices').set({ status: 'pending', deadline_at: next.deadline })
            .where('id', '=', next.choiceId).where('status', '=', 'queued').where('program_id', '=', programId).execute();
        }
        const idOf = await applyCircleChanges(trx, course, circles.changes);
        await appendToOutbox(trx, circles.toEvents(idOf));
        return true;
      });
    },
    async closeAll(course, programId) {
      const result = await db.updateTable('match_choices').set({ status: 'expired', decided_at: new Date() })
        .where('program_id', 'in', programOfCourse(course, programId)).where('status', 'in', ['pending', 'queued']).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export function createRotationRepository(db: Db): RotationStore {
  return {
    async find(course, programId) {
      const row = await db.selectFrom('rotation_plans').select(['every_weeks', 'next_on', 'last_rotated_at']).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
      return row && { everyWeeks: row.every_weeks, nextOn: row.next_on, lastRotatedAt: row.last_rotated_at };
    },
    async save(course, programId, plan) {
      const values = { every_weeks: plan.everyWeeks, next_on: plan.nextOn, updated_at: new Date() };
      await db.insertInto('rotation_plans').columns(['program_id', 'tenant_id', 'every_weeks', 'next_on'])
        .expression((eb) => eb.selectFrom('programs').select(['id', 'tenant_id', eb.val(plan.everyWeeks).as('every_weeks'), eb.cast(eb.val(plan.nextOn), 'date').as('next_on')])
          .where('id', 'in', programOfCourse(course, programId)))
        .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doUpdateSet(values)).execute();
    },
    async due(today) {
      const rows = await db.selectFrom('rotation_plans as r').innerJoin('programs as p', 'p.id', 'r.program_id')
        .select(['p.tenant_id', 'p.course_id', 'p.id']).where('r.next_on', '<=', today).orderBy('r.next_on').execute();
      return rows.map((r) => ({ tenantId: r.tenant_id, courseId: r.course_id, programId: r.id }));
    },
    async rotate(course, programId, nextOn, circles) {
      await db.transaction().execute(async (trx) => {
        const idOf = await applyCircleChanges(trx, course, circles.changes);
        await trx.updateTable('rotation_plans').set({ next_on: nextOn, last_rotated_at: new Date(), updated_at: new Date() })
          .where('program_id', 'in', programOfCourse(course, programId)).execute();
        await appendToOutbox(trx, circles.toEvents(idOf));
      });
    },
  };
}
