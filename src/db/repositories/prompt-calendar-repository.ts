import { sql, type Kysely, type Transaction } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { CircleCalendarUnit, CircleToCheck, LoadedCalendar, PromptCalendarStore } from '../../mentoring/prompts/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';
import { loadCalendars } from './prompt-calendar-loader.js';
import { scheduleOf } from './prompt-library-repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

const lastSeq = sql<number>`coalesce((select max(d.seq) from prompt_deliveries d where d.circle_id = c.id), -1)`.as('last_seq');

async function loadCalendar(db: Executor, circleId: string, course?: CourseRef): Promise<LoadedCalendar | undefined> {
  return (await loadCalendars(db, [circleId], course)).get(circleId);
}

function unitFor(trx: Transaction<Database>, circleId: string): CircleCalendarUnit {
  let loaded: LoadedCalendar | undefined;
  return {
    async calendar() {
      loaded = await loadCalendar(trx, circleId);
      return loaded;
    },
    async record(planned, events) {
      if (!loaded) throw new Error('Load the calendar before recording an occurrence.');
      const row = await trx.insertInto('prompt_deliveries').values({
        tenant_id: loaded.course.tenantId, program_id: loaded.circle.programId, circle_id: circleId, seq: planned.seq, due_at: planned.dueAt,
        outcome: planned.outcome, prompt_id: planned.prompt?.promptId ?? null, prompt_version_id: planned.prompt?.versionId ?? null,
      }).onConflict((oc) => oc.columns(['tenant_id', 'circle_id', 'seq']).doNothing()).returning('id').executeTakeFirst();
      if (!row) return false;
      if (planned.insertId) await trx.updateTable('circle_prompt_changes').set({ used_by: row.id }).where('id', '=', planned.insertId).where('used_by', 'is', null).execute();
      await appendToOutbox(trx, events);
      return true;
    },
    async lastNudge() {
      const row = await trx.selectFrom('circle_nudges').select(['seq', 'sent_at']).where('circle_id', '=', circleId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? { seq: row.seq, sentAt: row.sent_at } : null;
    },
    async recordNudge(nudge, events) {
      const circle = await trx.selectFrom('circles').select('tenant_id').where('id', '=', circleId).executeTakeFirstOrThrow();
      const row = await trx.insertInto('circle_nudges').values({ tenant_id: circle.tenant_id, circle_id: circleId, seq: nudge.seq, reason: nudge.reason, quiet_since: nudge.quietSince, starter: nudge.starter, sent_at: nudge.sentAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'circle_id', 'seq']).doNothing()).returning('id').executeTakeFirst();
      if (row) await appendToOutbox(trx, events);
      return Boolean(row);
    },
  };
}

export function createPromptCalendarRepository(db: Db): PromptCalendarStore {
  return {
    async circlesToCheck(programIds) {
      if (programIds && programIds.length === 0) return [];
      let query = db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').leftJoin('prompt_programs as pp', 'pp.program_id', 'c.program_id')
        .select(['c.id', 'c.program_id', 'p.tenant_id', 'p.course_id', 'c.status', 'c.started_on', 'c.time_zone', 'p.ends_on as program_ends_on'])
        .select(['pp.program_id as seeded', 'pp.cadence', 'pp.every_days', 'pp.send_hour', 'pp.starts_on', 'pp.ends_on', 'pp.nudge_after_days', 'pp.nudge_repeat_days'])
        .select(lastSeq)
        .where('c.status', '<>', 'closed');
      if (programIds) query = query.where('c.program_id', 'in', programIds);
      const rows = await query.execute();
      return rows.map((r): CircleToCheck => ({
        circleId: r.id, programId: r.program_id, tenantId: r.tenant_id, courseId: r.course_id, seeded: r.seeded !== null, status: r.status,
        startedOn: r.started_on, timeZone: r.time_zone, programEndsOn: r.program_ends_on, lastSeq: Number(r.last_seq ?? -1),
        schedule: r.seeded === null ? null : scheduleOf({ ...r, cadence: r.cadence!, send_hour: r.send_hour!, nudge_repeat_days: r.nudge_repeat_days! }),
      }));
    },
    calendar: (course, circleId) => loadCalendar(db, circleId, course),
    calendars: (course, circleIds) => loadCalendars(db, circleIds, course),
    async withCircle(circleId, work) {
      return db.transaction().execute(async (trx) => {
        // One writer per circle at a time; `no key update` leaves rows referencing the circle free to be inserted.
        await trx.selectFrom('circles').select('id').where('id', '=', circleId).forNoKeyUpdate().execute();
        return work(unitFor(trx, circleId));
      });
    },
  };
}
