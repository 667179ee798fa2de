import { AppError } from '../../shared/errors.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { membershipEvents } from './circle-events.js';
import { getCircle } from './circle-use-cases.js';
import { leaveCircle } from './placement.js';
import type { CircleChange, CircleChangeStore, CircleStore } from './ports.js';

interface Deps {
  programs: ProgramRepository;
  circles: CircleStore;
  circleChanges: CircleChangeStore;
}

export interface MoveRequest {
  participantId: string;
  fromCircleId: string;
  toCircleId: string;
}

/** Staff move someone to another circle of the program; the old membership stays in the history. */
export async function moveMember(deps: Deps, scope: CourseScope, programId: string, move: MoveRequest): Promise<void> {
  await getProgram(deps, scope, programId);
  const [from, to] = [await getCircle(deps, scope, move.fromCircleId), await getCircle(deps, scope, move.toCircleId)];
  if (from.programId !== programId || to.programId !== programId) throw new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this program.', { cause: { ...move, programId } });
  const member = from.members.find((m) => m.participantId === move.participantId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND', 404, 'This person is not in that circle.', { cause: { ...move, programId } });
  const refuse = (message: string) => new AppError('MOVE_REFUSED', 409, message);
  if (from.id === to.id) throw refuse(`${member.name} is already in ${to.name}.`);
  if (to.status !== 'active') throw refuse(`${to.name} is ${to.status}: choose an active circle.`);
  if (to.members.some((m) => m.participantId === member.participantId)) throw refuse(`${member.name} is already in ${to.name}.`);
  if (to.members.length >= to.capacity) throw new AppError('CIRCLE_FULL', 409, `${to.name} is full (${to.capacity} people).`, { circleId: to.id });
  if (member.role === 'mentor' && to.members.some((m) => m.role === 'mentor')) throw refuse(`${to.name} already has a mentor.`);
  const changes: CircleChange[] = [
    ...leaveCircle(from, member.participantId, 'moved by staff'),
    { kind: 'join', circle: { id: to.id }, participantId: member.participantId, role: member.role },
  ];
  const userOf = new Map([...from.members, ...to.members].map((m) => [m.participantId, m.userId]));
  await deps.circleChanges.apply(scope, changes, (idOf) => membershipEvents(scope, programId, changes, idOf, (id) => userOf.get(id)!));
}
