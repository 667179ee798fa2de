import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { Circle, CircleStore, NewCircle } from './ports.js';

interface Deps {
  programs: ProgramRepository;
  circles: CircleStore;
}

/** Forms a circle from people already in the program; each member's joining is an event. */
export async function formCircle(deps: Deps, scope: CourseScope, circle: NewCircle): Promise<Circle> {
  await getProgram(deps, scope, circle.programId);
  if (circle.members.length > circle.capacity) throw new AppError('CIRCLE_FULL', 409, `A circle of ${circle.capacity} cannot take ${circle.members.length} people.`, { capacity: circle.capacity });
  return deps.circles.create(scope, circle, (circleId, members) =>
    members.map((m) => domainEvent('circle_joined', {
      tenantId: scope.tenantId, courseId: scope.courseId, programId: circle.programId, circleId, actorUserId: m.userId, data: { role: m.role },
    })),
  );
}

/** A circle of this course, or 404: circle ids never cross courses. */
export async function getCircle(deps: Deps, scope: CourseScope, circleId: string): Promise<Circle> {
  const circle = await deps.circles.find(scope, circleId);
  if (!circle) throw new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this course.', { cause: { circleId, ...scope } });
  return circle;
}
