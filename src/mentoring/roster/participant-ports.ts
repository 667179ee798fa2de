import type { DomainEvent } from '../events.js';
import type { CourseRef } from '../programs/ports.js';
import type { ProgramRole } from './program-role.js';

export interface ParticipantView {
  id: string;
  userId: string;
  name: string;
  email: string | null;
  programRole: ProgramRole;
  mentorNomination: 'none' | 'nominated' | 'approved' | 'declined';
  status: 'active' | 'inactive';
  attention: string | null;
  source: 'launch' | 'roster';
  joinedAt: Date;
  lastActivityAt: Date | null;
  /** Filled by the profile and circle features; null until they exist for this person. */
  profileCompleteness: number | null;
  circleName: string | null;
}

export interface ParticipantFilter {
  role?: ProgramRole | undefined;
  status?: 'active' | 'inactive' | undefined;
  search?: string | undefined;
}

/** Head counts of a program for the staff page, counted by the database. */
export interface ParticipantStats {
  total: number;
  active: number;
  mentors: number;
  attention: number;
  nominated: number;
}

export interface ParticipantStore {
  /** Adds the user to these programs (or marks them active again); returns the programs newly joined. */
  joinOnLaunch(course: CourseRef, userId: string, programs: Array<{ id: string; role: ProgramRole }>, toEvents: (joined: Array<{ programId: string; role: ProgramRole }>) => DomainEvent[]): Promise<void>;
  list(course: CourseRef, programId: string, filter: ParticipantFilter): Promise<ParticipantView[]>;
  /** One page of `list` (same order) and how many match the filter in all. */
  page(course: CourseRef, programId: string, filter: ParticipantFilter, page: { offset: number; limit: number }): Promise<{ people: ParticipantView[]; total: number }>;
  stats(course: CourseRef, programId: string): Promise<ParticipantStats>;
  find(course: CourseRef, programId: string, participantId: string): Promise<ParticipantView | undefined>;
  findByUser(course: CourseRef, programId: string, userId: string): Promise<ParticipantView | undefined>;
  /** Programs of this course in which the user is an active participant. */
  activeProgramIdsOf(course: CourseRef, userId: string): Promise<string[]>;
  update(course: CourseRef, programId: string, participantId: string, change: { programRole?: ProgramRole; mentorNomination?: ParticipantView['mentorNomination'] }): Promise<boolean>;
}
