import { sql, type Transaction } from 'kysely';
import type { ParticipantChange, RosterApplication, RosterMember, RosterStore } from '../../mentoring/roster/ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';

type Trx = Transaction<Database>;

async function upsertUsers(trx: Trx, tenantId: string, members: RosterMember[]): Promise<Map<string, string>> {
  const rows = members.map((m) => ({ tenant_id: tenantId, subject: m.subject, name: m.name, given_name: m.givenName, family_name: m.familyName, email: m.email }));
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const saved = await trx.insertInto('users').values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['tenant_id', 'subject']).doUpdateSet({
        name: sql`coalesce(excluded.name, users.name)`, given_name: sql`coalesce(excluded.given_name, users.given_name)`,
        family_name: sql`coalesce(excluded.family_name, users.family_name)`, email: sql`coalesce(excluded.email, users.email)`,
      }))
      .returning(['id', 'subject']).execute();
    for (const r of saved) ids.set(r.subject, r.id);
  }
  return ids;
}

/** Enrolment status per user after this roster; returns who joined and who left the course. */
async function applyEnrolments(trx: Trx, input: RosterApplication, userIds: Map<string, string>) {
  const before = new Map((await trx.selectFrom('enrolments').select(['user_id', 'status']).where('course_id', '=', input.courseId).where('tenant_id', '=', input.tenantId).execute()).map((r) => [r.user_id, r.status]));
  const rows = input.members.map((m) => ({
    tenant_id: input.tenantId, course_id: input.courseId, user_id: userIds.get(m.subject)!, lti_roles: JSON.stringify(m.lmsRoles),
    course_role: m.courseRole, status: m.active ? ('active' as const) : ('inactive' as const), source: 'roster' as const, left_at: m.active ? null : new Date(),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('enrolments').values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['tenant_id', 'course_id', 'user_id']).doUpdateSet({
        lti_roles: sql`excluded.lti_roles`, course_role: sql`excluded.course_role`, status: sql`excluded.status`,
        left_at: sql`case when excluded.status = 'inactive' then coalesce(enrolments.left_at, now()) else null end`,
      })).execute();
  }
  const listed = new Set(rows.map((r) => r.user_id));
  if (input.mode === 'full') {
    // Learners who came through a SCORM/cmi5 package are on no LMS roster: a roster never makes them leave.
    const packaged = new Set((await trx.selectFrom('package_learners').select('user_id').where('tenant_id', '=', input.tenantId).execute()).map((r) => r.user_id));
    const gone = [...before].filter(([userId, status]) => status === 'active' && !listed.has(userId) && !packaged.has(userId)).map(([userId]) => userId);
    if (gone.length) await trx.updateTable('enrolments').set({ status: 'inactive', left_at: new Date() }).where('course_id', '=', input.courseId).where('user_id', 'in', gone).execute();
  }
  const after = new Map((await trx.selectFrom('enrolments').select(['user_id', 'status']).where('course_id', '=', input.courseId).execute()).map((r) => [r.user_id, r.status]));
  const joined = [...after].filter(([u, s]) => s === 'active' && before.get(u) !== 'active').length;
  const left = [...after].filter(([u, s]) => s === 'inactive' && before.get(u) === 'active').length;
  return { joined, left };
}

/** Active learners become participants of every program; leavers are marked and flagged, never deleted. */
async function applyParticipants(trx: Trx, input: RosterApplication, userIds: Map<string, string>): Promise<ParticipantChange[]> {
  const programs = await trx.selectFrom('programs').select('id').where('tenant_id', '=', input.tenantId).where('course_id', '=', input.courseId).execute();
  const changes: ParticipantChange[] = [];
  const active = input.members.filter((m) => m.active);
  for (const { id: programId } of programs) {
    const rows = active.flatMap((m) => {
      const role = input.roleFor(programId, m);
      return role ? [{ tenant_id: input.tenantId, program_id: programId, user_id: userIds.get(m.subject)!, program_role: role }] : [];
    });
    for (let i = 0; i < rows.length; i += 500) {
      const joined = await trx.insertInto('participants').values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['tenant_id', 'program_id', 'user_id']).doUpdateSet({ status: 'active', left_at: null, attention: null }).where('participants.status', '=', 'inactive'))
        .returning(['user_id', 'program_role']).execute();
      changes.push(...joined.map((r) => ({ kind: 'joined' as const, programId, userId: r.user_id, programRole: r.program_role })));
    }
    const left = await trx.updateTable('participants')
      .set({ status: 'inactive', left_at: new Date(), attention: sql`'Left the course on ' || to_char(now(), 'YYYY-MM-DD') || '; review their circle.'` })
      .where('program_id', '=', programId).where('status', '=', 'active')
      .where('user_id', 'in', (qb) => qb.selectFrom('enrolments').select('user_id').where('course_id', '=', input.courseId).where('status', '=', 'inactive'))
      .returning(['id', 'user_id', 'program_role']).execute();
    changes.push(...left.map((r) => ({ kind: 'left' as const, programId, userId: r.user_id, programRole: r.program_role })));
    if (left.length) {
      // Their circles keep them until staff decide (rebalance, close): flagged, never silently removed.
      await trx.updateTable('circle_members').set({ attention: 'Left the course; decide whether to rebalance this circle.' })
        .where('left_at', 'is', null).where('participant_id', 'in', left.map((r) => r.id)).execute();
    }
  }
  return changes;
}

export function createRosterRepository(db: Db): RosterStore {
  return {
    async source(tenantId, courseId) {
      const row = await db.selectFrom('courses as c')
        .innerJoin('lti_deployments as d', 'd.id', 'c.tenant_id').innerJoin('lti_registrations as r', 'r.id', 'd.platform_id')
        .select(['c.memberships_url', 'r.issuer', 'r.client_id'])
        .select((eb) => eb.selectFrom('roster_syncs as s').select('s.differences_url').whereRef('s.course_id', '=', 'c.id').where('s.status', '=', 'succeeded').orderBy('s.started_at', 'desc').limit(1).as('differences_url'))
        .where('c.id', '=', courseId).where('c.tenant_id', '=', tenantId).executeTakeFirst();
      return row && { tenantId, courseId, issuer: row.issuer, clientId: row.client_id, membershipsUrl: row.memberships_url, differencesUrl: row.differences_url };
    },
    async startSync(tenantId, courseId, trigger) {
      const row = await db.insertInto('roster_syncs').values({ tenant_id: tenantId, course_id: courseId, trigger, status: 'running' }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async apply(input, toEvents) {
      return db.transaction().execute(async (trx) => {
        const userIds = await upsertUsers(trx, input.tenantId, input.members);
        const course = await applyEnrolments(trx, input, userIds);
        const changes = await applyParticipants(trx, input, userIds);
        await appendToOutbox(trx, toEvents(changes));
        return { seen: input.members.length, joinedCourse: course.joined, leftCourse: course.left };
      });
    },
    async finishSync(id, result) {
      const values = result.ok
        ? { status: 'succeeded' as const, members_seen: result.outcome.seen, joined: result.outcome.joinedCourse, left_course: result.outcome.leftCourse, pages: result.pages, differences_url: result.differencesUrl }
        : { status: 'failed' as const, error: result.error };
      await db.updateTable('roster_syncs').set({ ...values, finished_at: new Date() }).where('id', '=', id).execute();
    },
    async lastSyncs(tenantId, courseId, limit) {
      const rows = await db.selectFrom('roster_syncs').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).orderBy('started_at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, trigger: r.trigger, status: r.status, membersSeen: r.members_seen, joined: r.joined, leftCourse: r.left_course, pages: r.pages, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at }));
    },
    async coursesToSync() {
      const rows = await db.selectFrom('courses as c').select(['c.tenant_id', 'c.id']).where('c.memberships_url', 'is not', null)
        .where((eb) => eb.exists(eb.selectFrom('programs as p').select('p.id').whereRef('p.course_id', '=', 'c.id'))).execute();
      return rows.map((r) => ({ tenantId: r.tenant_id, courseId: r.id }));
    },
  };
}
