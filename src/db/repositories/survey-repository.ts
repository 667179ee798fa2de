import type { SurveyStore } from '../../mentoring/circle-life/survey-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';
import { enqueueSurveyOpen } from './survey-open-notifications.js';

export function createSurveyRepository(db: Db): SurveyStore {
  return {
    async openedAt(tenantId, programId) {
      const row = await db.selectFrom('survey_openings').select('opened_at').where('tenant_id', '=', tenantId).where('program_id', '=', programId).executeTakeFirst();
      return row?.opened_at ?? null;
    },
    async open(tenantId, programId, openedBy, now) {
      await db.transaction().execute(async (trx) => {
        const opened = await trx.insertInto('survey_openings').values({ tenant_id: tenantId, program_id: programId, opened_by: openedBy })
          .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doNothing()).returning('program_id').executeTakeFirst();
        // Only the first opening tells the participants (issue #15).
        if (opened) await enqueueSurveyOpen(trx, { tenantId, programId, openedBy, now });
      });
    },
    async hasSubmitted(tenantId, programId, participantId) {
      const row = await db.selectFrom('survey_submissions as s').innerJoin('participants as p', 'p.id', 's.participant_id').select('s.program_id')
        .where('p.tenant_id', '=', tenantId).where('s.program_id', '=', programId).where('s.participant_id', '=', participantId).executeTakeFirst();
      return Boolean(row);
    },
    async submit(tenantId, programId, participantId, a, events) {
      return db.transaction().execute(async (trx) => {
        const marked = await trx.insertInto('survey_submissions').values({ tenant_id: tenantId, program_id: programId, participant_id: participantId })
          .onConflict((oc) => oc.columns(['tenant_id', 'program_id', 'participant_id']).doNothing()).returning('program_id').executeTakeFirst();
        if (!marked) return 'duplicate';
        await trx.insertInto('survey_answers').values({
          tenant_id: tenantId, program_id: programId, goal_progress: a.goalProgress, relationship: a.relationship, confidence: a.confidence, clarity: a.clarity,
          would_recommend: a.wouldRecommend, comment: a.comment,
        }).execute();
        await appendToOutbox(trx, events);
        return 'ok';
      });
    },
    async answers(tenantId, programId) {
      const rows = await db.selectFrom('survey_answers').selectAll().where('tenant_id', '=', tenantId).where('program_id', '=', programId).orderBy('id').execute();
      return rows.map((r) => ({ goalProgress: r.goal_progress, relationship: r.relationship, confidence: r.confidence, clarity: r.clarity, wouldRecommend: r.would_recommend, comment: r.comment }));
    },
  };
}
