import type { Feedback, FeedbackStore } from '../../mentoring/circle-life/feedback-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';

export function createFeedbackRepository(db: Db): FeedbackStore {
  const named = (tenantId: string) => db.selectFrom('meeting_feedback as f')
    .innerJoin('circle_meetings as m', 'm.id', 'f.meeting_id')
    .innerJoin('participants as pf', 'pf.id', 'f.from_participant_id').innerJoin('users as uf', 'uf.id', 'pf.user_id')
    .innerJoin('participants as pt', 'pt.id', 'f.to_participant_id').innerJoin('users as ut', 'ut.id', 'pt.user_id')
    .select(['f.id', 'f.meeting_id', 'f.from_participant_id', 'f.to_participant_id', 'f.rating', 'f.comment', 'f.created_at', 'm.starts_at', 'uf.name as from_name', 'uf.subject as from_subject', 'ut.name as to_name', 'ut.subject as to_subject'])
    .where('f.tenant_id', '=', tenantId);

  const toFeedback = (r: Awaited<ReturnType<ReturnType<typeof named>['execute']>>[number]): Feedback => ({
    id: r.id, meetingId: r.meeting_id, fromParticipantId: r.from_participant_id, toParticipantId: r.to_participant_id, rating: r.rating, comment: r.comment,
    createdAt: r.created_at, meetingStartsAt: r.starts_at, fromName: r.from_name ?? `Member ${r.from_subject}`, toName: r.to_name ?? `Member ${r.to_subject}`,
  });

  return {
    async give(tenantId, circleId, f, events) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('meeting_feedback').values({
          tenant_id: tenantId, circle_id: circleId, meeting_id: f.meetingId, from_participant_id: f.fromParticipantId, to_participant_id: f.toParticipantId, rating: f.rating, comment: f.comment,
        }).onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'from_participant_id', 'to_participant_id']).doNothing()).returning('id').executeTakeFirst();
        if (!row) return 'duplicate';
        await appendToOutbox(trx, events);
        return 'ok';
      });
    },
    async receivedBy(tenantId, circleId, participantId) {
      const rows = await named(tenantId).where('f.circle_id', '=', circleId).where('f.to_participant_id', '=', participantId).orderBy('f.created_at', 'desc').execute();
      return rows.map(toFeedback);
    },
    async givenOn(tenantId, meetingId, participantId) {
      const rows = await named(tenantId).where('f.meeting_id', '=', meetingId).where('f.from_participant_id', '=', participantId).orderBy('f.created_at').execute();
      return rows.map(toFeedback);
    },
  };
}
