import type { MatchSettings } from '../../mentoring/matches/match-settings.js';
import type { MatchStore, Proposal, ProposalResult } from '../../mentoring/matches/ports.js';
import type { Db } from '../connection.js';
import { applyCircleChanges } from './circle-change-repository.js';
import { appendToOutbox } from './outbox-repository.js';
import { programOfCourse } from './program-scope.js';

type ProposalRow = { id: string; status: Proposal['status']; result: unknown; created_at: Date };
const toProposal = (r: ProposalRow): Proposal => ({ ...(r.result as ProposalResult), id: r.id, status: r.status, createdAt: r.created_at });

/** Matching settings, pins and forbids, and proposals of a program of the course. */
export function createMatchRepository(db: Db): MatchStore {
  return {
    async settings(course, programId) {
      const row = await db.selectFrom('matching_settings').select('settings').where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
      return row?.settings as MatchSettings | undefined;
    },
    async saveSettings(course, programId, settings, userId) {
      const values = { settings: JSON.stringify(settings), updated_by: userId, updated_at: new Date() };
      await db.insertInto('matching_settings').columns(['program_id', 'tenant_id', 'settings', 'updated_by'])
        .expression((eb) => eb.selectFrom('programs').select(['id', 'tenant_id', eb.val(values.settings).as('settings'), eb.val(userId).as('updated_by')])
          .where('id', 'in', programOfCourse(course, programId)))
        .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doUpdateSet(values)).execute();
    },
    async constraints(course, programId) {
      const rows = await db.selectFrom('match_constraints').select(['id', 'kind', 'mentor_participant_id', 'mentee_participant_id'])
        .where('program_id', 'in', programOfCourse(course, programId)).orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, mentorId: r.mentor_participant_id, menteeId: r.mentee_participant_id }));
    },
    async setConstraint(course, programId, c, userId) {
      await db.insertInto('match_constraints').columns(['tenant_id', 'program_id', 'kind', 'mentor_participant_id', 'mentee_participant_id', 'created_by'])
        .expression((eb) => eb.selectFrom('participants as a').innerJoin('participants as b', 'b.program_id', 'a.program_id')
          .select(['a.tenant_id', 'a.program_id', eb.val(c.kind).as('kind'), 'a.id as mentor', 'b.id as mentee', eb.val(userId).as('created_by')])
          .innerJoin('programs as p', 'p.id', 'a.program_id').where('p.id', '=', programId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId)
          .where('a.id', '=', c.mentorId).where('b.id', '=', c.menteeId))
        .onConflict((oc) => oc.columns(['tenant_id', 'program_id', 'mentor_participant_id', 'mentee_participant_id']).doUpdateSet({ kind: c.kind, created_by: userId }))
        .execute();
    },
    async removeConstraint(course, programId, constraintId) {
      const result = await db.deleteFrom('match_constraints').where('id', '=', constraintId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async latestProposal(course, programId) {
      const row = await db.selectFrom('match_proposals').select(['id', 'status', 'result', 'created_at'])
        .where('program_id', 'in', programOfCourse(course, programId)).orderBy('created_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
      return row && toProposal(row);
    },
    async saveProposal(course, programId, result, userId) {
      return db.transaction().execute(async (trx) => {
        const scoped = (eb: Parameters<ReturnType<typeof programOfCourse>>[0]) => programOfCourse(course, programId)(eb);
        await trx.updateTable('match_proposals').set({ status: 'discarded', decided_at: new Date(), decided_by: userId })
          .where('program_id', 'in', scoped).where('status', '=', 'draft').execute();
        const row = await trx.insertInto('match_proposals').columns(['tenant_id', 'program_id', 'result', 'created_by'])
          .expression((eb) => eb.selectFrom('programs').select(['tenant_id', 'id', eb.val(JSON.stringify(result)).as('result'), eb.val(userId).as('created_by')]).where('id', 'in', scoped))
          .returning(['id', 'status', 'result', 'created_at']).executeTakeFirstOrThrow();
        return toProposal(row);
      });
    },
    async approve(course, programId, proposalId, userId, circles) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('match_proposals').set({ status: 'approved', decided_at: new Date(), decided_by: userId })
          .where('id', '=', proposalId).where('status', '=', 'draft').where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const idOf = await applyCircleChanges(trx, course, circles.changes);
        await appendToOutbox(trx, circles.toEvents(idOf));
        return true;
      });
    },
  };
}
