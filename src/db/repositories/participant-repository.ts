import { sql } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { ParticipantFilter, ParticipantStore, ParticipantView } from '../../mentoring/roster/participant-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';

export function createParticipantRepository(db: Db): ParticipantStore {
  /** Participants of a program of this course only: the join on programs carries the scope. */
  const base = (course: CourseRef, programId: string) =>
    db.selectFrom('participants as pa')
      .innerJoin('programs as pr', 'pr.id', 'pa.program_id')
      .innerJoin('users as u', 'u.id', 'pa.user_id')
      .leftJoin('enrolments as e', (j) => j.onRef('e.user_id', '=', 'pa.user_id').onRef('e.course_id', '=', 'pr.course_id'))
      .select(['pa.id', 'pa.user_id', 'u.name', 'u.given_name', 'u.family_name', 'u.subject', 'u.email', 'pa.program_role', 'pa.mentor_nomination', 'pa.status', 'pa.attention', 'pa.joined_at', 'e.source'])
      .select(sql<Date | null>`greatest(pa.last_activity_at, e.last_launch_at)`.as('last_activity_at'))
      .select((eb) => eb.selectFrom('circle_members as m').innerJoin('circles as c', 'c.id', 'm.circle_id').select('c.name')
        .whereRef('m.participant_id', '=', 'pa.id').where('m.left_at', 'is', null).orderBy('m.joined_at', 'desc').limit(1).as('circle_name'))
      .select((eb) => eb.selectFrom('profiles as pf').select(sql<number>`(pf.completeness ->> pa.program_role)::int`.as('c'))
        .whereRef('pf.participant_id', '=', 'pa.id').as('profile_completeness'))
      .where('pr.tenant_id', '=', course.tenantId).where('pr.course_id', '=', course.courseId).where('pa.program_id', '=', programId);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toView = (r: Row): ParticipantView => ({
    id: r.id, userId: r.user_id,
    name: r.name ?? ([r.given_name, r.family_name].filter(Boolean).join(' ') || `Member ${r.subject}`),
    email: r.email, programRole: r.program_role, mentorNomination: r.mentor_nomination, status: r.status, attention: r.attention,
    source: r.source ?? 'launch', joinedAt: r.joined_at, lastActivityAt: r.last_activity_at, profileCompleteness: r.profile_completeness ?? null, circleName: r.circle_name,
  });

  type Query = ReturnType<typeof base>;
  const filtered = (query: Query, filter: ParticipantFilter): Query => {
    let q = query;
    if (filter.role) q = q.where('pa.program_role', '=', filter.role);
    if (filter.status) q = q.where('pa.status', '=', filter.status);
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.email', 'ilike', like)]));
    }
    return q;
  };
  const ordered = (query: Query) => query.orderBy('pa.status').orderBy('u.family_name').orderBy('u.name').orderBy('pa.id');

  return {
    async joinOnLaunch(course, userId, programs, toEvents) {
      if (!programs.length) return;
      await db.transaction().execute(async (trx) => {
        const joined = await trx.insertInto('participants')
          .values(programs.map((p) => ({ tenant_id: course.tenantId, program_id: p.id, user_id: userId, program_role: p.role, last_activity_at: new Date() })))
          .onConflict((oc) => oc.columns(['tenant_id', 'program_id', 'user_id']).doUpdateSet({ last_activity_at: new Date(), status: 'active', left_at: null }))
          .returning(['program_id', 'program_role', sql<boolean>`(xmax = 0)`.as('inserted')]).execute();
        await appendToOutbox(trx, toEvents(joined.filter((r) => r.inserted).map((r) => ({ programId: r.program_id, role: r.program_role }))));
      });
    },
    async list(course, programId, filter) {
      return (await ordered(filtered(base(course, programId), filter)).execute()).map(toView);
    },
    async page(course, programId, filter, page) {
      const rows = await ordered(filtered(base(course, programId), filter)).select(sql<string>`count(*) over ()`.as('total'))
        .offset(page.offset).limit(page.limit).execute();
      // Past the end there is no row to carry the count: count on its own then.
      const total = rows.length || !page.offset ? Number(rows[0]?.total ?? 0) : (await filtered(base(course, programId), filter).execute()).length;
      return { people: rows.map(toView), total };
    },
    async stats(course, programId) {
      const row = await db.selectFrom('participants as pa').innerJoin('programs as pr', 'pr.id', 'pa.program_id')
        .select((eb) => [
          eb.fn.countAll<string>().as('total'),
          sql<string>`count(*) filter (where pa.status = 'active')`.as('active'),
          sql<string>`count(*) filter (where pa.program_role <> 'mentee')`.as('mentors'),
          sql<string>`count(*) filter (where pa.attention is not null)`.as('attention'),
          sql<string>`count(*) filter (where pa.mentor_nomination = 'nominated')`.as('nominated'),
        ])
        .where('pr.tenant_id', '=', course.tenantId).where('pr.course_id', '=', course.courseId).where('pa.program_id', '=', programId)
        .executeTakeFirstOrThrow();
      return { total: Number(row.total), active: Number(row.active), mentors: Number(row.mentors), attention: Number(row.attention), nominated: Number(row.nominated) };
    },
    async find(course, programId, participantId) {
      const row = await base(course, programId).where('pa.id', '=', participantId).executeTakeFirst();
      return row && toView(row);
    },
    async findByUser(course, programId, userId) {
      const row = await base(course, programId).where('pa.user_id', '=', userId).executeTakeFirst();
      return row && toView(row);
    },
    async activeProgramIdsOf(course, userId) {
      const rows = await db.selectFrom('participants as pa').innerJoin('programs as pr', 'pr.id', 'pa.program_id').select('pa.program_id')
        .where('pr.tenant_id', '=', course.tenantId).where('pr.course_id', '=', course.courseId).where('pa.user_id', '=', userId).where('pa.status', '=', 'active').execute();
      return rows.map((r) => r.program_id);
    },
    async update(course, programId, participantId, change) {
      const result = await db.updateTable('participants')
        .set({ ...(change.programRole && { program_role: change.programRole }), ...(change.mentorNomination && { mentor_nomination: change.mentorNomination }) })
        .where('id', '=', participantId).where('program_id', '=', programId)
        .where('program_id', 'in', (qb) => qb.selectFrom('programs').select('id').where('tenant_id', '=', course.tenantId).where('course_id', '=', course.courseId))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
