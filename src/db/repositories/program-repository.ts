import type { Selectable } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { CourseRef, Program, ProgramRepository } from '../../mentoring/programs/ports.js';
import type { ProgramSettings } from '../../mentoring/programs/program-settings.js';
import type { Db } from '../connection.js';
import type { ProgramsTable } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';
import { prepared } from '../prepared-statements.js';

function toProgram(row: Selectable<ProgramsTable>): Program {
  return {
    id: row.id, tenantId: row.tenant_id, courseId: row.course_id, title: row.title,
    purpose: row.purpose as Program['purpose'], purposeDetail: row.purpose_detail,
    programTypes: row.program_types as Program['programTypes'], virtual: row.virtual,
    startsOn: row.starts_on, endsOn: row.ends_on,
    cadence: row.cadence as Program['cadence'], circleSizeMin: row.circle_size_min, circleSizeMax: row.circle_size_max,
    mentorCapacity: row.mentor_capacity, mentorSelection: row.mentor_selection as Program['mentorSelection'],
    mentorLmsRoles: row.mentor_lms_roles, matchingMode: row.matching_mode as Program['matchingMode'],
    confidentiality: row.confidentiality, promptTrack: row.prompt_track as Program['promptTrack'],
    duplicatedFrom: row.duplicated_from, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function settingsColumns(s: ProgramSettings) {
  return {
    title: s.title, purpose: s.purpose, purpose_detail: s.purposeDetail, program_types: JSON.stringify(s.programTypes),
    virtual: s.virtual, starts_on: s.startsOn, ends_on: s.endsOn, cadence: s.cadence,
    circle_size_min: s.circleSizeMin, circle_size_max: s.circleSizeMax, mentor_capacity: s.mentorCapacity,
    mentor_selection: s.mentorSelection, mentor_lms_roles: JSON.stringify(s.mentorLmsRoles), matching_mode: s.matchingMode,
    confidentiality: s.confidentiality, prompt_track: s.promptTrack,
  };
}

export function createProgramRepository(db: Db): ProgramRepository {
  const scoped = (scope: CourseRef) => db.selectFrom('programs').selectAll().where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId);
  return {
    async create(program, createdBy, events: DomainEvent[]) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('programs')
          .values({ ...settingsColumns(program), id: program.id, tenant_id: program.tenantId, course_id: program.courseId, duplicated_from: program.duplicatedFrom, created_by: createdBy })
          .returningAll().executeTakeFirstOrThrow();
        await appendToOutbox(trx, events);
        return toProgram(row);
      });
    },
    async update(scope, id, settings, events) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('programs').set({ ...settingsColumns(settings), updated_at: new Date() })
          .where('id', '=', id).where('tenant_id', '=', scope.tenantId).where('course_id', '=', scope.courseId)
          .returningAll().executeTakeFirst();
        if (row) await appendToOutbox(trx, events);
        return row ? toProgram(row) : undefined;
      });
    },
    async find(scope, id) {
      const row = await scoped(scope).where('id', '=', id).executeTakeFirst();
      return row ? toProgram(row) : undefined;
    },
    async listForCourse(scope) {
      return (await scoped(scope).modifyFront(prepared).orderBy('created_at').execute()).map(toProgram);
    },
    async coursesWhereStaff(scope) {
      const rows = await db.selectFrom('enrolments as e').innerJoin('courses as c', 'c.id', 'e.course_id')
        .select(['c.id', 'c.title', 'c.label', 'c.context_id'])
        .where('e.tenant_id', '=', scope.tenantId).where('e.user_id', '=', scope.userId)
        .where('e.course_role', '=', 'staff').where('e.status', '=', 'active').where('c.id', '!=', scope.courseId)
        .orderBy('c.title').execute();
      return rows.map((r) => ({ id: r.id, title: r.title ?? r.label ?? r.context_id }));
    },
  };
}
