import { sql, type Kysely, type Transaction } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { PromptVersionRef } from '../../mentoring/prompts/delivery-plan.js';
import type { CircleMemberRef, LoadedCalendar } from '../../mentoring/prompts/ports.js';
import type { Database } from '../schema.js';
import { scheduleOf } from './prompt-library-repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Current versions of prompts, as the scheduler sends them. */
export const currentVersions = (db: Executor) =>
  db
    .selectFrom('prompts as p')
    .innerJoin('prompt_versions as v', (j) =>
      j.onRef('v.prompt_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .select([
      'p.id as promptId',
      'v.id as versionId',
      'v.version',
      'v.title',
      'v.audience',
      'p.program_id',
    ])
    .where('p.retired_at', 'is', null);

const lastSeq =
  sql<number>`coalesce((select max(d.seq) from prompt_deliveries d where d.circle_id = c.id), -1)`.as(
    'last_seq',
  );

const versionRef = (p: {
  promptId: string;
  versionId: string;
  version: number;
  title: string;
  audience: unknown;
}) =>
  ({
    promptId: p.promptId,
    versionId: p.versionId,
    version: p.version,
    title: p.title,
    audience: p.audience,
  }) as PromptVersionRef;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.get(key(row))?.push(row) ?? groups.set(key(row), [row]);
  return groups;
}

async function circleRows(db: Executor, circleIds: readonly string[], course?: CourseRef) {
  let query = db
    .selectFrom('circles as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .innerJoin('prompt_programs as pp', 'pp.program_id', 'c.program_id')
    .select([
      'c.id',
      'c.program_id',
      'c.status',
      'c.started_on',
      'c.time_zone',
      'c.created_at',
      'p.tenant_id',
      'p.course_id',
      'p.ends_on',
      'p.prompt_track',
    ])
    .select([
      'pp.cadence',
      'pp.every_days',
      'pp.send_hour',
      'pp.starts_on',
      'pp.ends_on as schedule_ends_on',
      'pp.nudge_after_days',
      'pp.nudge_repeat_days',
    ])
    .select(lastSeq)
    .where('c.id', 'in', circleIds);
  if (course)
    query = query
      .where('p.tenant_id', '=', course.tenantId)
      .where('p.course_id', '=', course.courseId);
  return query.execute();
}

/**
 * The calendars of many circles in seven statements, however many circles: each kind of row is
 * read for all of them at once (per program where it is the program's: track, insertable prompts).
 */
export async function loadCalendars(
  db: Executor,
  circleIds: readonly string[],
  course?: CourseRef,
): Promise<Map<string, LoadedCalendar>> {
  if (!circleIds.length) return new Map();
  const rows = await circleRows(db, circleIds, course);
  if (!rows.length) return new Map();
  const ids = rows.map((r) => r.id);
  const programIds = [...new Set(rows.map((r) => r.program_id))];
  const [pauses, track, delivered, changes, members, insertable] = await Promise.all([
    db
      .selectFrom('circle_prompt_pauses')
      .select(['circle_id', 'paused_at', 'resumed_at'])
      .where('circle_id', 'in', ids)
      .execute(),
    currentVersions(db)
      .innerJoin('prompt_track_items as t', 't.prompt_id', 'p.id')
      .select('t.program_id as trackProgramId')
      .where('t.program_id', 'in', programIds)
      .orderBy('t.position')
      .execute(),
    db
      .selectFrom('prompt_deliveries')
      .select(['circle_id', 'prompt_id'])
      .distinct()
      .where('circle_id', 'in', ids)
      .where('outcome', '=', 'delivered')
      .execute(),
    db
      .selectFrom('circle_prompt_changes')
      .select(['id', 'circle_id', 'kind', 'prompt_id', 'used_by'])
      .where('circle_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('circle_members as m')
      .innerJoin('participants as pa', 'pa.id', 'm.participant_id')
      .select(['m.circle_id', 'pa.user_id as userId', 'm.role'])
      .where('m.circle_id', 'in', ids)
      .where('m.left_at', 'is', null)
      .execute(),
    currentVersions(db).where('p.program_id', 'in', programIds).execute(),
  ]);
  const by = {
    pauses: groupBy(pauses, (p) => p.circle_id),
    track: groupBy(track, (t) => t.trackProgramId),
    delivered: groupBy(delivered, (d) => d.circle_id),
    changes: groupBy(changes, (c) => c.circle_id),
    members: groupBy(members, (m) => m.circle_id),
    insertable: groupBy(insertable, (p) => p.program_id),
  };
  const calendars = new Map<string, LoadedCalendar>();
  for (const row of rows) {
    const usable = new Map(
      (by.insertable.get(row.program_id) ?? []).map((p) => [p.promptId, versionRef(p)]),
    );
    const own = by.changes.get(row.id) ?? [];
    calendars.set(row.id, {
      course: { tenantId: row.tenant_id, courseId: row.course_id },
      circle: {
        id: row.id,
        programId: row.program_id,
        status: row.status,
        startedOn: row.started_on,
        timeZone: row.time_zone,
        formedAt: row.created_at,
      },
      schedule: scheduleOf({ ...row, ends_on: row.schedule_ends_on }),
      programEndsOn: row.ends_on,
      promptsOff: row.prompt_track === 'none',
      lastSeq: Number(row.last_seq ?? -1),
      pauses: (by.pauses.get(row.id) ?? []).map((p) => ({ from: p.paused_at, to: p.resumed_at })),
      track: (by.track.get(row.program_id) ?? []).map(versionRef),
      delivered: (by.delivered.get(row.id) ?? []).flatMap((d) => d.prompt_id ?? []),
      skipped: own.filter((c) => c.kind === 'skip').map((c) => c.prompt_id),
      inserts: own
        .filter((c) => c.kind === 'insert' && c.used_by === null && usable.has(c.prompt_id))
        .map((c) => ({ changeId: c.id, prompt: usable.get(c.prompt_id)! })),
      members: (by.members.get(row.id) ?? []).map((m): CircleMemberRef => ({
        userId: m.userId,
        role: m.role,
      })),
    });
  }
  return calendars;
}
