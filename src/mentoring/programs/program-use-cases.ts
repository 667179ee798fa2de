import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope, Program, ProgramRepository } from './ports.js';
import { validateProgramSettings, type FieldErrors } from './program-settings.js';

export type ProgramChange = { ok: true; program: Program } | { ok: false; errors: FieldErrors };

interface Deps {
  programs: ProgramRepository;
}

const eventFields = (scope: CourseScope, programId: string) => ({
  tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: null, actorUserId: scope.userId,
});

/** A program id that is not in this course is answered as absent: ids never cross courses. */
export async function getProgram(deps: Deps, scope: CourseScope, id: string): Promise<Program> {
  const program = await deps.programs.find(scope, id);
  if (!program) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.', { cause: { programId: id, ...scope } });
  return program;
}

export async function createProgram(deps: Deps, scope: CourseScope, input: Record<string, unknown>): Promise<ProgramChange> {
  const result = validateProgramSettings(input);
  if (!result.ok) return result;
  const id = crypto.randomUUID();
  const event = domainEvent('program_created', { ...eventFields(scope, id), data: { title: result.settings.title } });
  const program = await deps.programs.create({ ...result.settings, id, tenantId: scope.tenantId, courseId: scope.courseId, duplicatedFrom: null }, scope.userId, [event]);
  return { ok: true, program };
}

export async function configureProgram(deps: Deps, scope: CourseScope, id: string, input: Record<string, unknown>): Promise<ProgramChange> {
  await getProgram(deps, scope, id);
  const result = validateProgramSettings(input);
  if (!result.ok) return result;
  const event = domainEvent('program_configured', { ...eventFields(scope, id), data: { title: result.settings.title } });
  const program = await deps.programs.update(scope, id, result.settings, [event]);
  if (!program) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.');
  return { ok: true, program };
}

/** Copies the settings (not the people) into another course where the same person is staff. */
export async function duplicateProgram(deps: Deps, scope: CourseScope, id: string, targetCourseId: string): Promise<Program> {
  const source = await getProgram(deps, scope, id);
  const targets = await deps.programs.coursesWhereStaff(scope);
  if (!targets.some((c) => c.id === targetCourseId)) {
    throw new AppError('COURSE_NOT_FOUND', 404, 'You can copy a program only into another course where you teach.', { cause: { targetCourseId, ...scope } });
  }
  const targetScope = { ...scope, courseId: targetCourseId };
  const copyId = crypto.randomUUID();
  const { id: _id, createdAt: _c, updatedAt: _u, ...settings } = source;
  const event = domainEvent('program_created', { ...eventFields(targetScope, copyId), data: { title: source.title } });
  return deps.programs.create({ ...settings, id: copyId, courseId: targetCourseId, duplicatedFrom: source.id }, scope.userId, [event]);
}
