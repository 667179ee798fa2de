import type { DomainEvent } from '../events.js';
import type { CourseRef } from '../programs/ports.js';
import type { ProgramRole } from '../roster/program-role.js';
import type { ProfileAnswers, StoredProfile } from './profile.js';

export interface Skill {
  id: string;
  name: string;
}

/** The program's skill taxonomy; every method is scoped to a program of the course. */
export interface SkillStore {
  list(course: CourseRef, programId: string): Promise<Skill[]>;
  /** Adds these skills when the program has none yet. */
  seedIfEmpty(course: CourseRef, programId: string, names: readonly string[]): Promise<void>;
  /** False when the program already has a skill of that name. */
  add(course: CourseRef, programId: string, name: string): Promise<boolean>;
  rename(course: CourseRef, programId: string, skillId: string, name: string): Promise<'renamed' | 'duplicate' | 'missing'>;
  remove(course: CourseRef, programId: string, skillId: string): Promise<boolean>;
}

export interface ProfileStore {
  find(course: CourseRef, programId: string, participantId: string): Promise<StoredProfile | undefined>;
  listForProgram(course: CourseRef, programId: string): Promise<StoredProfile[]>;
  /**
   * Saves the answers; when `completedEvent` is given and the profile was never complete before,
   * marks it complete and writes the event, all in one transaction; true when that happened.
   */
  save(course: CourseRef, programId: string, participantId: string, answers: ProfileAnswers, completeness: Record<ProgramRole, number>, completedEvent: DomainEvent | null): Promise<boolean>;
}
