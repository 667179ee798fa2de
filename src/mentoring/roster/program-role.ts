import type { Program } from '../programs/ports.js';

export type ProgramRole = 'mentee' | 'mentor' | 'both';

type RoleRules = Pick<Program, 'programTypes' | 'mentorSelection' | 'mentorLmsRoles'>;

/**
 * The role someone starts with in a program, or null when they are not a participant.
 * Learners take part: peers are both, others mentees unless the program makes mentors "by LMS
 * role" and they hold one. Course staff run the program and take part only as mentors, when
 * their LMS role (e.g. TeachingAssistant) is one the program names. Staff can change roles later.
 */
export function initialProgramRole(program: RoleRules, courseRole: 'staff' | 'learner', contextRoleNames: readonly string[]): ProgramRole | null {
  const mentorByRole = program.mentorSelection === 'lms_role' && contextRoleNames.some((r) => program.mentorLmsRoles.includes(r));
  if (courseRole === 'staff') return mentorByRole ? 'mentor' : null;
  if (program.programTypes.length === 1 && program.programTypes[0] === 'peer') return 'both';
  return mentorByRole ? 'mentor' : 'mentee';
}
