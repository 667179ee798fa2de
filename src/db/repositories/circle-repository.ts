import { sql } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Circle, CircleMember, CircleStore } from '../../mentoring/circles/ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';
import { prepared } from '../prepared-statements.js';

export function createCircleRepository(db: Db): CircleStore {
  /** Circles of programs of this course: the join on programs carries the tenant and course scope. */
  const circlesOf = (course: CourseRef) =>
    db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').modifyFront(prepared)
      .select(['c.id', 'c.program_id', 'c.name', 'c.status', 'c.capacity', 'c.started_on', 'c.time_zone'])
      .where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId);

  async function withMembers(rows: Array<{ id: string; program_id: string; name: string; status: Circle['status']; capacity: number; started_on: string; time_zone: string }>): Promise<Circle[]> {
    if (!rows.length) return [];
    const members = await db.selectFrom('circle_members as m').innerJoin('participants as pa', 'pa.id', 'm.participant_id').innerJoin('users as u', 'u.id', 'pa.user_id')
      .select(['m.id', 'm.circle_id', 'm.participant_id', 'pa.user_id', 'u.name', 'u.subject', 'm.role', 'm.joined_at', 'm.attention'])
      .where('m.circle_id', 'in', rows.map((r) => r.id)).where('m.left_at', 'is', null).orderBy('m.role', 'desc').orderBy('u.name').execute();
    const byCircle = new Map<string, typeof members>();
    for (const m of members) byCircle.get(m.circle_id)?.push(m) ?? byCircle.set(m.circle_id, [m]);
    return rows.map((r) => ({
      id: r.id, programId: r.program_id, name: r.name, status: r.status, capacity: r.capacity, startedOn: r.started_on, timeZone: r.time_zone,
      members: (byCircle.get(r.id) ?? []).map((m): CircleMember => ({
        membershipId: m.id, participantId: m.participant_id, userId: m.user_id, name: m.name ?? `Member ${m.subject}`, role: m.role, joinedAt: m.joined_at, attention: m.attention,
      })),
    }));
  }

  return {
    async create(course, circle, toEvents) {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('circles').values({ tenant_id: course.tenantId, program_id: circle.programId, name: circle.name, capacity: circle.capacity, started_on: circle.startedOn, time_zone: circle.timeZone ?? 'UTC' })
          .returning('id').executeTakeFirstOrThrow();
        const people = circle.members.length
          ? await trx.selectFrom('participants').select(['id', 'user_id']).where('program_id', '=', circle.programId).where('id', 'in', circle.members.map((m) => m.participantId)).execute()
          : [];
        if (people.length !== circle.members.length) throw new Error('A circle member is not a participant of the program.');
        if (circle.members.length) {
          await trx.insertInto('circle_members').values(circle.members.map((m) => ({ tenant_id: course.tenantId, circle_id: row.id, participant_id: m.participantId, role: m.role }))).execute();
        }
        const userOf = new Map(people.map((p) => [p.id, p.user_id]));
        await appendToOutbox(trx, toEvents(row.id, circle.members.map((m) => ({ userId: userOf.get(m.participantId)!, role: m.role }))));
        return row.id;
      });
      return (await this.find(course, id))!;
    },
    async find(course, circleId) {
      return (await withMembers(await circlesOf(course).where('c.id', '=', circleId).execute()))[0];
    },
    async listForProgram(course, programId) {
      return withMembers(await circlesOf(course).where('c.program_id', '=', programId).orderBy('c.created_at').execute());
    },
    async pageForProgram(course, programId, page) {
      let query = circlesOf(course).where('c.program_id', '=', programId);
      if (page.openOnly) query = query.where('c.status', '<>', 'closed');
      if (page.search) query = query.where('c.name', 'ilike', `%${page.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const rows = await query.select(sql<string>`count(*) over ()`.as('total'))
        .orderBy('c.name').orderBy('c.created_at').orderBy('c.id').offset(page.offset).limit(page.limit).execute();
      // Past the end there is no row to carry the count: count on its own then.
      const total = rows.length || !page.offset ? Number(rows[0]?.total ?? 0) : (await query.select('c.id').execute()).length;
      return { circles: await withMembers(rows), total };
    },
    async listForUser(course, userId) {
      const rows = await circlesOf(course)
        .where((eb) => eb.exists(eb.selectFrom('circle_members as m').innerJoin('participants as pa', 'pa.id', 'm.participant_id')
          .select('m.id').whereRef('m.circle_id', '=', 'c.id').where('pa.user_id', '=', userId).where('m.left_at', 'is', null)))
        .orderBy('c.created_at').execute();
      return withMembers(rows);
    },
    async leave(course, circleId, participantId, reason, events) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('circle_members').set({ left_at: new Date(), left_reason: reason })
          .where('circle_id', '=', circleId).where('participant_id', '=', participantId).where('left_at', 'is', null)
          .where('tenant_id', '=', course.tenantId).executeTakeFirst();
        const left = Number(result.numUpdatedRows) === 1;
        if (left) await appendToOutbox(trx, events);
        return left;
      });
    },
  };
}
