import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { ParticipantFilter, ParticipantStore, ParticipantView } from './participant-ports.js';
import { initialProgramRole, type ProgramRole } from './program-role.js';

interface Deps {
  programs: ProgramRepository;
  participants: ParticipantStore;
}

/**
 * Whoever launches joins the program of the link (its id, or the program already loaded), or
 * every program of the course, when they take part in it.
 */
export async function joinProgramsOnLaunch(deps: Deps, scope: CourseScope, courseRole: 'staff' | 'learner', contextRoleNames: string[], linked: Program | string | null): Promise<void> {
  const programs = linked === null ? await deps.programs.listForCourse(scope) : [typeof linked === 'string' ? await getProgram(deps, scope, linked) : linked];
  const roles = programs.flatMap((p) => {
    const role = initialProgramRole(p, courseRole, contextRoleNames);
    return role ? [{ id: p.id, role }] : [];
  });
  await deps.participants.joinOnLaunch(scope, scope.userId, roles, (joined) =>
    joined.map((j) => domainEvent('participant_joined_program', {
      tenantId: scope.tenantId, courseId: scope.courseId, programId: j.programId, circleId: null, actorUserId: scope.userId,
      data: { programRole: j.role === 'both' ? 'peer' : j.role, source: 'launch' },
    })),
  );
}

export async function listParticipants(deps: Deps, scope: CourseScope, programId: string, filter: ParticipantFilter): Promise<ParticipantView[]> {
  await getProgram(deps, scope, programId);
  return deps.participants.list(scope, programId, filter);
}

/** The staff list: one page of the filtered participants, how many match, and the program's head counts. */
export async function listParticipantsPage(deps: Deps, scope: CourseScope, programId: string, filter: ParticipantFilter, page: { offset: number; limit: number }) {
  await getProgram(deps, scope, programId);
  const [found, stats] = await Promise.all([deps.participants.page(scope, programId, filter, page), deps.participants.stats(scope, programId)]);
  return { ...found, stats };
}

async function requireParticipant(deps: Deps, scope: CourseScope, programId: string, participantId: string): Promise<ParticipantView> {
  const participant = await deps.participants.find(scope, programId, participantId);
  if (!participant) throw new AppError('PARTICIPANT_NOT_FOUND', 404, 'There is no such participant in this program.', { cause: { participantId, programId, ...scope } });
  return participant;
}

export async function assignProgramRole(deps: Deps, scope: CourseScope, programId: string, participantId: string, role: ProgramRole): Promise<void> {
  await getProgram(deps, scope, programId);
  await requireParticipant(deps, scope, programId, participantId);
  await deps.participants.update(scope, programId, participantId, { programRole: role, ...(role !== 'mentee' && { mentorNomination: 'approved' }) });
}

/** A learner offers to mentor; staff approve or decline (programs with self-nomination). */
export async function nominateSelfAsMentor(deps: Deps, scope: CourseScope, programId: string): Promise<void> {
  const program = await getProgram(deps, scope, programId);
  if (program.mentorSelection !== 'self_nomination') throw new AppError('NOMINATION_CLOSED', 409, 'In this program, mentors are chosen by the program staff.');
  const me = await deps.participants.findByUser(scope, programId, scope.userId);
  if (!me || me.status !== 'active') throw new AppError('NOT_A_PARTICIPANT', 403, 'You are not an active participant of this program.');
  if (me.mentorNomination === 'none' || me.mentorNomination === 'declined') await deps.participants.update(scope, programId, me.id, { mentorNomination: 'nominated' });
}

export async function decideMentorNomination(deps: Deps, scope: CourseScope, programId: string, participantId: string, approve: boolean): Promise<void> {
  await getProgram(deps, scope, programId);
  const participant = await requireParticipant(deps, scope, programId, participantId);
  if (participant.mentorNomination !== 'nominated') throw new AppError('NOMINATION_NOT_PENDING', 409, `${participant.name} has no pending mentor nomination.`);
  await deps.participants.update(scope, programId, participantId, approve ? { mentorNomination: 'approved', programRole: 'mentor' } : { mentorNomination: 'declined' });
}
