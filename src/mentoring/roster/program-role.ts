import type { Program } from '../programs/ports.js';

export type ProgramRole = 'mentee' | 'mentor' | 'both';

/**
 * The role a learner starts with in a program. Peers are both; otherwise mentee, unless the
 * program makes mentors "by LMS role" and this person holds one of those roles. Staff can change
 * it later (instructor-assigned, approved self-nomination).
 */
export function initialProgramRole(program: Pick<Program, 'programTypes' | 'mentorSelection' | 'mentorLmsRoles'>, contextRoleNames: readonly string[]): ProgramRole {
  if (program.programTypes.length === 1 && program.programTypes[0] === 'peer') return 'both';
  if (program.mentorSelection === 'lms_role' && contextRoleNames.some((r) => program.mentorLmsRoles.includes(r))) return 'mentor';
  return 'mentee';
}
