import type { Db } from '../../src/db/connection.js';
import { createCircleRepository } from '../../src/db/repositories/circle-repository.js';
import { createProgramRepository } from '../../src/db/repositories/program-repository.js';
import { formCircle } from '../../src/mentoring/circles/circle-use-cases.js';
import type { Circle, CircleRole } from '../../src/mentoring/circles/ports.js';

/**
 * A circle of people already in the program, formed through the real use case (events and all),
 * for tests that need circles before the matching pages make them.
 */
export async function buildCircle(db: Db, programId: string, members: Array<{ subject: string; role: CircleRole }>, overrides: { name?: string; capacity?: number; startedOn?: string } = {}): Promise<Circle> {
  const program = await db.selectFrom('programs').select(['tenant_id', 'course_id']).where('id', '=', programId).executeTakeFirstOrThrow();
  const people = await db.selectFrom('participants as p').innerJoin('users as u', 'u.id', 'p.user_id').select(['p.id', 'p.user_id', 'u.subject'])
    .where('p.program_id', '=', programId).where('u.subject', 'in', members.map((m) => m.subject)).execute();
  const idOf = (subject: string) => {
    const found = people.find((p) => p.subject === subject);
    if (!found) throw new Error(`${subject} is not a participant of program ${programId}`);
    return found;
  };
  const scope = { tenantId: program.tenant_id, courseId: program.course_id, userId: idOf(members[0]!.subject).user_id };
  return formCircle({ programs: createProgramRepository(db), circles: createCircleRepository(db) }, scope, {
    programId, name: overrides.name ?? 'Circle one', capacity: overrides.capacity ?? Math.max(2, members.length), startedOn: overrides.startedOn ?? '2027-01-11',
    members: members.map((m) => ({ participantId: idOf(m.subject).id, role: m.role })),
  });
}
