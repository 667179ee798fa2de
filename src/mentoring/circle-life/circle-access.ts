import { AppError } from '../../shared/errors.js';
import { getCircle } from '../circles/circle-use-cases.js';
import type { Circle, CircleMember, CircleStore } from '../circles/ports.js';
import type { DomainEvent } from '../events.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';

export interface CircleAccessDeps {
  programs: ProgramRepository;
  circles: CircleStore;
}

/** A circle seen by one of its current members. */
export interface MemberView {
  program: Program;
  circle: Circle;
  me: CircleMember;
}

const notFound = (cause: Record<string, unknown>) =>
  new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this course.', { cause });

/**
 * Only current members read or write a circle's contract, goals, meetings and feedback. Anyone
 * else (staff included) gets the same 404 as for an id that does not exist, so ids reveal nothing.
 */
export async function openCircleAsMember(deps: CircleAccessDeps, scope: CourseScope, programId: string, circleId: string): Promise<MemberView> {
  const program = await getProgram(deps, scope, programId);
  const circle = await getCircle(deps, scope, circleId);
  if (circle.programId !== programId) throw notFound({ circleId, programId, reason: 'circle of another program', ...scope });
  const me = circle.members.find((m) => m.userId === scope.userId);
  if (!me) throw notFound({ circleId, reason: 'not a current member', ...scope });
  return { program, circle, me };
}

/** Writes need a circle that is still running. */
export function requireOpenCircle(view: MemberView): void {
  if (view.circle.status === 'closed') throw new AppError('CIRCLE_CLOSED', 409, 'This circle has closed; its records can be read but not changed.', { cause: { circleId: view.circle.id } });
}

export function memberOf(view: MemberView, participantId: string): CircleMember | undefined {
  return view.circle.members.find((m) => m.participantId === participantId);
}

/** The fields every event of this circle carries; the actor is the member acting unless named. */
export function circleEventFields(scope: CourseScope, view: MemberView, actorUserId = scope.userId): Omit<DomainEvent, 'id' | 'type' | 'occurredAt' | 'data'> {
  return { tenantId: scope.tenantId, courseId: scope.courseId, programId: view.program.id, circleId: view.circle.id, actorUserId };
}
