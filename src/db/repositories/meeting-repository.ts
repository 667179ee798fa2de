import type { Meeting, MeetingStore } from '../../mentoring/circle-life/meeting-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';
import { enqueueMeetingChange } from './notification-outbox-repository.js';
import { sql } from 'kysely';

export function createMeetingRepository(db: Db): MeetingStore {
  async function load(tenantId: string, circleId: string, meetingId?: string): Promise<Meeting[]> {
    let query = db.selectFrom('circle_meetings').selectAll().where('tenant_id', '=', tenantId).where('circle_id', '=', circleId);
    if (meetingId) query = query.where('id', '=', meetingId);
    const rows = await query.orderBy('starts_at', 'desc').execute();
    if (!rows.length) return [];
    const attendance = await db.selectFrom('meeting_attendance').select(['meeting_id', 'participant_id'])
      .where('tenant_id', '=', tenantId).where('meeting_id', 'in', rows.map((r) => r.id)).where('present', '=', true)
      // In the order they were marked present, whichever index the planner picks.
      .orderBy('marked_at').orderBy('participant_id').execute();
    return rows.map((r) => ({
      id: r.id, circleId: r.circle_id, startsAt: r.starts_at, durationMinutes: r.duration_minutes, mode: r.mode, place: r.place, agenda: r.agenda, notes: r.notes,
      sequence: r.sequence, createdAt: r.created_at, updatedAt: r.updated_at,
      attendees: attendance.filter((a) => a.meeting_id === r.id).map((a) => a.participant_id),
    }));
  }

  return {
    listForCircle: (tenantId, circleId) => load(tenantId, circleId),
    async find(tenantId, circleId, meetingId) {
      return (await load(tenantId, circleId, meetingId))[0];
    },
    async create(tenantId, circleId, m, createdBy, toEvents) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('circle_meetings').values({
          tenant_id: tenantId, circle_id: circleId, starts_at: m.startsAt, duration_minutes: m.durationMinutes, mode: m.mode, place: m.place, agenda: m.agenda, notes: m.notes, created_by: createdBy,
        }).returning('id').executeTakeFirstOrThrow();
        await appendToOutbox(trx, toEvents(row.id));
        return row.id;
      });
    },
    async update(tenantId, circleId, meetingId, m, changedBy) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('circle_meetings')
          .set((eb) => ({ starts_at: m.startsAt, duration_minutes: m.durationMinutes, mode: m.mode, place: m.place, agenda: m.agenda, notes: m.notes, sequence: eb('sequence', '+', 1), updated_at: new Date() }))
          .where('id', '=', meetingId).where('circle_id', '=', circleId).where('tenant_id', '=', tenantId).executeTakeFirst();
        const updated = Number(result.numUpdatedRows) === 1;
        // The members hear of it (notifications, issue #15) in the same transaction.
        if (updated && changedBy) await enqueueMeetingChange(trx, { tenantId, circleId, meetingId, actorUserId: changedBy });
        return updated;
      });
    },
    async cancel(tenantId, circleId, meetingId, cancelledBy, now) {
      return db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: string }>`select id from circle_meetings where tenant_id = ${tenantId}
          and circle_id = ${circleId} and id = ${meetingId} and starts_at > ${now} for update`.execute(trx);
        if (!rows.length) return false;
        // Told first: the notification keeps the meeting's time and place after it is gone.
        await enqueueMeetingChange(trx, { tenantId, circleId, meetingId, actorUserId: cancelledBy }, 'meeting_cancelled');
        await trx.deleteFrom('circle_meetings').where('tenant_id', '=', tenantId).where('id', '=', meetingId).execute();
        return true;
      });
    },
    async setAttendance(tenantId, meetingId, participantIds, markedBy, toEvents) {
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('circle_meetings').select('id').where('id', '=', meetingId).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
        const known = new Set((await trx.selectFrom('meeting_attendance').select('participant_id').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute()).map((r) => r.participant_id));
        const present = new Set(participantIds);
        await trx.updateTable('meeting_attendance').set({ present: false, marked_by: markedBy, marked_at: new Date() })
          .where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('present', '=', true).$if(present.size > 0, (q) => q.where('participant_id', 'not in', [...present])).execute();
        if (present.size) {
          await trx.updateTable('meeting_attendance').set({ present: true, marked_by: markedBy, marked_at: new Date() })
            .where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('present', '=', false).where('participant_id', 'in', [...present]).execute();
        }
        const added = participantIds.filter((id) => !known.has(id));
        if (added.length) await trx.insertInto('meeting_attendance').values(added.map((id) => ({ tenant_id: tenantId, meeting_id: meetingId, participant_id: id, marked_by: markedBy }))).execute();
        await appendToOutbox(trx, toEvents(added));
      });
    },
  };
}
