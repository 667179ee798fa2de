import { sql, type Kysely, type Transaction } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { PromptVersionRef } from '../../mentoring/prompts/delivery-plan.js';
import type { CircleCalendarUnit, CircleMemberRef, CircleToCheck, LoadedCalendar, PromptCalendarStore } from '../../mentoring/prompts/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';
import { scheduleOf } from './prompt-library-repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

const lastSeq = sql<number>`coalesce((select max(d.seq) from prompt_deliveries d where d.circle_id = c.id), -1)`.as('last_seq');

/** Current versions of prompts, as the scheduler sends them. */
const currentVersions = (db: Executor) =>
  db.selectFrom('prompts as p').innerJoin('prompt_versions as v', (j) => j.onRef('v.prompt_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .select(['p.id as promptId', 'v.id as versionId', 'v.version', 'v.title', 'v.audience']).where('p.retired_at', 'is', null);

export async function currentMembers(db: Executor, circleId: string): Promise<CircleMemberRef[]> {
  return db.selectFrom('circle_members as m').innerJoin('participants as pa', 'pa.id', 'm.participant_id')
    .select(['pa.user_id as userId', 'm.role']).where('m.circle_id', '=', circleId).where('m.left_at', 'is', null).execute();
}

async function loadCalendar(db: Executor, circleId: string, course?: CourseRef): Promise<LoadedCalendar | undefined> {
  let query = db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').innerJoin('prompt_programs as pp', 'pp.program_id', 'c.program_id')
    .select(['c.id', 'c.program_id', 'c.status', 'c.started_on', 'c.time_zone', 'c.created_at', 'p.tenant_id', 'p.course_id', 'p.ends_on', 'p.prompt_track'])
    .select(['pp.cadence', 'pp.every_days', 'pp.send_hour', 'pp.starts_on', 'pp.ends_on as schedule_ends_on', 'pp.nudge_after_days', 'pp.nudge_repeat_days'])
    .select(lastSeq)
    .where('c.id', '=', circleId);
  if (course) query = query.where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const [pauses, track, delivered, changes, members] = await Promise.all([
    db.selectFrom('circle_prompt_pauses').select(['paused_at', 'resumed_at']).where('circle_id', '=', circleId).execute(),
    currentVersions(db).innerJoin('prompt_track_items as t', 't.prompt_id', 'p.id').where('t.program_id', '=', row.program_id).orderBy('t.position').execute(),
    db.selectFrom('prompt_deliveries').select('prompt_id').distinct().where('circle_id', '=', circleId).where('outcome', '=', 'delivered').execute(),
    db.selectFrom('circle_prompt_changes').select(['id', 'kind', 'prompt_id', 'used_by']).where('circle_id', '=', circleId).orderBy('created_at').orderBy('id').execute(),
    currentMembers(db, circleId),
  ]);
  const insertable = new Map((await currentVersions(db).where('p.program_id', '=', row.program_id).execute()).map((p) => [p.promptId, p as PromptVersionRef]));
  return {
    course: { tenantId: row.tenant_id, courseId: row.course_id },
    circle: { id: row.id, programId: row.program_id, status: row.status, startedOn: row.started_on, timeZone: row.time_zone, formedAt: row.created_at },
    schedule: scheduleOf({ ...row, ends_on: row.schedule_ends_on }), programEndsOn: row.ends_on, promptsOff: row.prompt_track === 'none',
    lastSeq: Number(row.last_seq ?? -1),
    pauses: pauses.map((p) => ({ from: p.paused_at, to: p.resumed_at })),
    track: track as PromptVersionRef[],
    delivered: delivered.flatMap((d) => d.prompt_id ?? []),
    skipped: changes.filter((c) => c.kind === 'skip').map((c) => c.prompt_id),
    inserts: changes.filter((c) => c.kind === 'insert' && c.used_by === null && insertable.has(c.prompt_id)).map((c) => ({ changeId: c.id, prompt: insertable.get(c.prompt_id)! })),
    members,
  };
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
    async withCircle(circleId, work) {
      return db.transaction().execute(async (trx) => {
        // One writer per circle at a time; `no key update` leaves rows referencing the circle free to be inserted.
        await trx.selectFrom('circles').select('id').where('id', '=', circleId).forNoKeyUpdate().execute();
        return work(unitFor(trx, circleId));
      });
    },
  };
}
