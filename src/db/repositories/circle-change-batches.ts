import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { CircleChange, CircleIdOf } from '../../mentoring/circles/ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Database } from '../schema.js';

type Trx = Transaction<Database>;
type Kind = CircleChange['kind'];
type ChangeOf<K extends Kind> = Extract<CircleChange, { kind: K }>;

/** Rows of one batch as a jsonb document for jsonb_to_recordset, each with its place (`ord`). */
const rowsOf = (rows: object[]) =>
  sql`${JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))}::jsonb`;

const refused = (change: CircleChange) =>
  new Error(`Circle change refused: ${JSON.stringify(change)}`);

/** New circles in one statement; ids are chosen here so that keys map to them without a round trip. */
async function createAll(
  trx: Trx,
  course: CourseRef,
  changes: ChangeOf<'create'>[],
  created: Map<string, string>,
) {
  if (!changes.length) return;
  const rows = changes.map(({ key, circle }) => {
    created.set(key, randomUUID());
    return {
      id: created.get(key),
      program_id: circle.programId,
      name: circle.name,
      capacity: circle.capacity,
      started_on: circle.startedOn,
      time_zone: circle.timeZone ?? 'UTC',
    };
  });
  const { rows: done } = await sql<{ id: string }>`
    insert into circles (id, tenant_id, program_id, name, capacity, started_on, time_zone)
    select v.id, p.tenant_id, p.id, v.name, v.capacity, v.started_on, v.time_zone
    from jsonb_to_recordset(${rowsOf(rows)}) as v(id uuid, program_id uuid, name text,
      capacity int, started_on date, time_zone text, ord int)
    join programs p on p.id = v.program_id and p.tenant_id = ${course.tenantId} and p.course_id = ${course.courseId}
    order by v.ord
    returning id`.execute(trx);
  const ids = new Set(done.map((r) => r.id));
  const missing = changes.find((c) => !ids.has(created.get(c.key)!));
  if (missing) throw refused(missing);
}

/** Memberships in one statement: each circle and participant must be of a program of this course. */
async function joinAll(trx: Trx, course: CourseRef, changes: ChangeOf<'join'>[], idOf: CircleIdOf) {
  const rows = changes.map((c) => ({
    circle_id: idOf(c.circle),
    participant_id: c.participantId,
    role: c.role,
  }));
  const { rows: done } = await sql<{ circle_id: string; participant_id: string }>`
    insert into circle_members (tenant_id, circle_id, participant_id, role)
    select c.tenant_id, c.id, pa.id, v.role
    from jsonb_to_recordset(${rowsOf(rows)}) as v(circle_id uuid, participant_id uuid, role text, ord int)
    join circles c on c.id = v.circle_id and c.tenant_id = ${course.tenantId}
    join programs p on p.id = c.program_id and p.tenant_id = c.tenant_id and p.course_id = ${course.courseId}
    join participants pa on pa.id = v.participant_id and pa.program_id = c.program_id
    order by v.ord
    returning circle_id, participant_id`.execute(trx);
  const seen = new Set(done.map((r) => `${r.circle_id}|${r.participant_id}`));
  const missing = changes.find((c, i) => !seen.has(`${rows[i]!.circle_id}|${c.participantId}`));
  if (missing || done.length !== changes.length) throw refused(missing ?? changes[0]!);
}

/** Ends current memberships (history kept) in one statement. */
async function leaveAll(trx: Trx, course: CourseRef, changes: ChangeOf<'leave'>[]) {
  const rows = changes.map((c) => ({
    circle_id: c.circleId,
    participant_id: c.participantId,
    reason: c.reason,
  }));
  const { rows: done } = await sql<{ circle_id: string; participant_id: string }>`
    update circle_members m set left_at = ${new Date()}, left_reason = v.reason
    from jsonb_to_recordset(${rowsOf(rows)}) as v(circle_id uuid, participant_id uuid, reason text), circles c, programs p
    where m.tenant_id = ${course.tenantId} and m.circle_id = v.circle_id and m.participant_id = v.participant_id
      and m.left_at is null and c.id = m.circle_id and p.id = c.program_id and p.course_id = ${course.courseId}
    returning m.circle_id, m.participant_id`.execute(trx);
  const seen = new Set(done.map((r) => `${r.circle_id}|${r.participant_id}`));
  const missing = changes.find((c) => !seen.has(`${c.circleId}|${c.participantId}`));
  if (missing || done.length !== changes.length) throw refused(missing ?? changes[0]!);
}

async function closeAll(trx: Trx, course: CourseRef, changes: ChangeOf<'close'>[]) {
  const ids = [...new Set(changes.map((c) => c.circleId))];
  const { rows: done } = await sql<{ id: string }>`
    update circles c set status = 'closed', closed_at = ${new Date()}
    from programs p
    where c.tenant_id = ${course.tenantId} and c.id = any(${ids}::uuid[]) and p.id = c.program_id
      and p.course_id = ${course.courseId}
    returning c.id`.execute(trx);
  const seen = new Set(done.map((r) => r.id));
  const missing = changes.find((c) => !seen.has(c.circleId));
  if (missing) throw refused(missing);
}

const ofKind = <K extends Kind>(changes: readonly CircleChange[], kind: K) =>
  changes.filter((c): c is ChangeOf<K> => c.kind === kind);

/**
 * Applies circle changes inside the caller's transaction in at most four statements, whatever
 * their count: new circles, then leaves, joins and closes, each kind as one statement. The order
 * within a change list only ever matters for a leave and a later join of the same person and
 * circle (a return), which this order keeps; closing never depends on members. A change that
 * touches no row aborts it all.
 */
export async function applyChangesInBatches(
  trx: Trx,
  course: CourseRef,
  changes: readonly CircleChange[],
): Promise<CircleIdOf> {
  const created = new Map<string, string>();
  const idOf: CircleIdOf = (ref) => {
    const id = 'id' in ref ? ref.id : created.get(ref.key);
    if (!id) throw new Error(`Circle ${JSON.stringify(ref)} is not part of this change`);
    return id;
  };
  await createAll(trx, course, ofKind(changes, 'create'), created);
  const leaves = ofKind(changes, 'leave');
  if (leaves.length) await leaveAll(trx, course, leaves);
  const joins = ofKind(changes, 'join');
  if (joins.length) await joinAll(trx, course, joins, idOf);
  const closes = ofKind(changes, 'close');
  if (closes.length) await closeAll(trx, course, closes);
  return idOf;
}
