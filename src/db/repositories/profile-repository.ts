import { sql } from 'kysely';
import type { ProfileStore, SkillStore } from '../../mentoring/profiles/ports.js';
import type { ProfileAnswers, StoredProfile } from '../../mentoring/profiles/profile.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';
import { programOfCourse } from './program-scope.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export function createSkillRepository(db: Db): SkillStore {
  const skillsOf = (course: CourseRef, programId: string) =>
    db.selectFrom('program_skills').where('program_id', 'in', programOfCourse(course, programId));
  const tenantOf = async (course: CourseRef, programId: string) =>
    (await db.selectFrom('programs').select('tenant_id').where('id', 'in', programOfCourse(course, programId)).executeTakeFirst())?.tenant_id;

  return {
    async list(course, programId) {
      return skillsOf(course, programId).select(['id', 'name']).orderBy('position').orderBy('name').execute();
    },
    async seedIfEmpty(course, programId, names) {
      if (!(await tenantOf(course, programId))) return;
      await sql`insert into program_skills (tenant_id, program_id, name, position)
        select ${course.tenantId}, ${programId}, s.name, s.position from unnest(${[...names]}::text[]) with ordinality as s(name, position)
        where not exists (select 1 from program_skills where program_id = ${programId})
        on conflict do nothing`.execute(db);
    },
    async add(course, programId, name) {
      if (!(await tenantOf(course, programId))) return false;
      try {
        await db.insertInto('program_skills').values((eb) => ({
          tenant_id: course.tenantId, program_id: programId, name,
          position: eb.selectFrom('program_skills').select(sql<number>`coalesce(max(position), 0) + 1`.as('p')).where('program_id', '=', programId),
        })).execute();
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async rename(course, programId, skillId, name) {
      try {
        const result = await db.updateTable('program_skills').set({ name }).where('id', '=', skillId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
        return Number(result.numUpdatedRows) === 1 ? 'renamed' : 'missing';
      } catch (err) {
        if (isUniqueViolation(err)) return 'duplicate';
        throw err;
      }
    },
    async remove(course, programId, skillId) {
      const result = await db.deleteFrom('program_skills').where('id', '=', skillId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export function createProfileRepository(db: Db): ProfileStore {
  const profilesOf = (course: CourseRef, programId: string) =>
    db.selectFrom('profiles').select(['participant_id', 'answers', 'completed_at', 'updated_at']).where('program_id', 'in', programOfCourse(course, programId));
  const toProfile = (r: { participant_id: string; answers: unknown; completed_at: Date | null; updated_at: Date }): StoredProfile => ({
    participantId: r.participant_id, answers: r.answers as ProfileAnswers, completedAt: r.completed_at, updatedAt: r.updated_at,
  });

  return {
    async find(course, programId, participantId) {
      const row = await profilesOf(course, programId).where('participant_id', '=', participantId).executeTakeFirst();
      return row && toProfile(row);
    },
    async listForProgram(course, programId) {
      return (await profilesOf(course, programId).execute()).map(toProfile);
    },
    async save(course, programId, participantId, answers, completeness, completedEvent) {
      return db.transaction().execute(async (trx) => {
        const owner = await trx.selectFrom('participants').select('id').where('id', '=', participantId).where('program_id', 'in', programOfCourse(course, programId)).executeTakeFirst();
        if (!owner) throw new Error('The profile owner is not a participant of this program.');
        const before = await trx.selectFrom('profiles').select('completed_at').where('participant_id', '=', participantId).forUpdate().executeTakeFirst();
        const completesNow = completedEvent !== null && !before?.completed_at;
        const values = { answers: JSON.stringify(answers), completeness: JSON.stringify(completeness), updated_at: new Date(), ...(completesNow && { completed_at: new Date() }) };
        await trx.insertInto('profiles').values({ participant_id: participantId, tenant_id: course.tenantId, program_id: programId, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'participant_id']).doUpdateSet(values)).execute();
        if (completesNow) await appendToOutbox(trx, [completedEvent]);
        return completesNow;
      });
    },
  };
}
