import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/connection.js';
import { statementIdFor } from '../src/xapi/ids.js';
import type { StatementSnapshot } from '../src/xapi/snapshot.js';
import { buildEvent, buildSnapshot, EVENT_TYPES } from '../test/support/xapi-factories.js';

/**
 * The learners of a course, each the actor of every 50th statement. Delivery keeps each actor's
 * statements in order (one batch of an actor at a time), so how many act matters.
 */
export const ACTORS = Array.from({ length: 50 }, () => randomUUID());

/** `count` outbox rows of every event type in turn, by the actors in turn, for one tenant. */
export function sampleRows(count: number, tenantId: string) {
  const base = buildSnapshot({ tenantId });
  const learner = (i: number) => ({ subject: `l-${i}`, name: `Learner ${i}`, email: null });
  const learners = Object.fromEntries(ACTORS.map((id, i) => [id, learner(i)]));
  const snapshot: StatementSnapshot = { ...base, people: { ...base.people, ...learners } };
  return Array.from({ length: count }, (_, i) => {
    const type = EVENT_TYPES[i % EVENT_TYPES.length]!;
    const event = buildEvent(type, { tenantId, actorUserId: ACTORS[i % ACTORS.length]! });
    return { event, snapshot };
  });
}

export type SampleRow = ReturnType<typeof sampleRows>[number];

/**
 * Writes the rows to the outbox as the domain would (without the snapshot queries), in one
 * transaction: a delivery run that starts sees all of them, not the first 500 only.
 */
export async function insertRows(db: Db, tenantId: string, rows: SampleRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await insertChunk(trx, tenantId, rows.slice(i, i + 500));
  });
}

async function insertChunk(db: Db, tenantId: string, rows: SampleRow[]): Promise<void> {
  const values = rows.map(({ event, snapshot }) => ({
    id: event.id,
    tenant_id: tenantId,
    course_id: event.courseId,
    program_id: event.programId,
    event_type: event.type,
    event: JSON.stringify(event),
    snapshot: JSON.stringify(snapshot),
    statement_id: statementIdFor(event.id),
  }));
  await db.insertInto('xapi_outbox').values(values).execute();
}
