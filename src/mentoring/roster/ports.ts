import type { DomainEvent } from '../events.js';
import type { ProgramRole } from './program-role.js';

export interface RosterMember {
  subject: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  lmsRoles: string[];
  contextRoleNames: string[];
  courseRole: 'staff' | 'learner';
  active: boolean;
}

export interface CourseRosterSource {
  tenantId: string;
  courseId: string;
  issuer: string;
  clientId: string;
  membershipsUrl: string | null;
  /** From the last successful sync, when the LMS offers incremental fetches. */
  differencesUrl: string | null;
}

export interface FetchedRoster {
  members: RosterMember[];
  pages: number;
  differencesUrl: string | null;
}

export interface MembershipService {
  fetchMembers(registration: { issuer: string; clientId: string }, url: string): Promise<FetchedRoster>;
}

/** A participant who joined or left a program because of the roster. */
export interface ParticipantChange {
  kind: 'joined' | 'left';
  programId: string;
  userId: string;
  programRole: ProgramRole;
}

export interface RosterApplication {
  tenantId: string;
  courseId: string;
  members: RosterMember[];
  /** full: members absent from the list left the course; differences: only listed members changed. */
  mode: 'full' | 'differences';
  /** null: this member does not take part in that program (course staff, mostly). */
  roleFor(programId: string, member: RosterMember): ProgramRole | null;
}

export interface RosterOutcome {
  seen: number;
  joinedCourse: number;
  leftCourse: number;
}

export interface RosterSync {
  id: string;
  trigger: 'manual' | 'schedule';
  status: 'running' | 'succeeded' | 'failed';
  membersSeen: number;
  joined: number;
  leftCourse: number;
  pages: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface RosterStore {
  source(tenantId: string, courseId: string): Promise<CourseRosterSource | undefined>;
  startSync(tenantId: string, courseId: string, trigger: RosterSync['trigger']): Promise<string>;
  /** Applies members to enrolments and participants and writes the events in one transaction. */
  apply(input: RosterApplication, toEvents: (changes: ParticipantChange[]) => DomainEvent[]): Promise<RosterOutcome>;
  finishSync(id: string, result: { ok: true; outcome: RosterOutcome; pages: number; differencesUrl: string | null } | { ok: false; error: string }): Promise<void>;
  lastSyncs(tenantId: string, courseId: string, limit: number): Promise<RosterSync[]>;
  /** Courses with programs and a roster service, for the scheduled sync. */
  coursesToSync(): Promise<Array<{ tenantId: string; courseId: string }>>;
}
