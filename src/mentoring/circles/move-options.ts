import { AppError } from '../../shared/errors.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { getCircle } from './circle-use-cases.js';
import type { Circle, CircleMember, CircleStore } from './ports.js';

interface Deps {
  programs: ProgramRepository;
  circles: CircleStore;
}

export interface MoveOptions {
  from: Circle;
  member: CircleMember;
  /** Active circles of the program with a free place, by name. */
  targets: Circle[];
}

/** Where staff may move a member of a circle: the program's other active circles with room. */
export async function findMoveOptions(
  deps: Deps,
  scope: CourseScope,
  programId: string,
  circleId: string,
  participantId: string,
): Promise<MoveOptions> {
  await getProgram(deps, scope, programId);
  const from = await getCircle(deps, scope, circleId);
  if (from.programId !== programId)
    throw new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this program.', {
      cause: { circleId, programId },
    });
  const member = from.members.find((m) => m.participantId === participantId);
  if (!member)
    throw new AppError('MEMBER_NOT_FOUND', 404, 'This person is not in that circle.', {
      cause: { circleId, participantId, programId },
    });
  const circles = await deps.circles.listForProgram(scope, programId);
  const targets = circles
    .filter((t) => t.status === 'active' && t.id !== from.id && t.members.length < t.capacity)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { from, member, targets };
}
