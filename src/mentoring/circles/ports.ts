import type { DomainEvent } from '../events.js';
import type { CourseRef } from '../programs/ports.js';

export type CircleRole = 'mentor' | 'mentee' | 'peer';
export type CircleStatus = 'active' | 'paused' | 'closed';

export interface CircleMember {
  membershipId: string;
  participantId: string;
  userId: string;
  name: string;
  role: CircleRole;
  joinedAt: Date;
  attention: string | null;
}

export interface Circle {
  id: string;
  programId: string;
  name: string;
  status: CircleStatus;
  capacity: number;
  startedOn: string;
  /** IANA time zone the circle's schedule (prompts, meetings) follows. */
  timeZone: string;
  members: CircleMember[];
}

export interface CirclePageQuery {
  /** Part of the circle's name (in 1:1 programs, its members' names). */
  search?: string | undefined;
  /** Leave closed circles out. */
  openOnly?: boolean;
  offset: number;
  limit: number;
}

export interface NewCircle {
  programId: string;
  name: string;
  capacity: number;
  startedOn: string;
  timeZone?: string;
  members: Array<{ participantId: string; role: CircleRole }>;
}

export interface CircleStore {
  /** Creates the circle and its memberships, writing the events in the same transaction. */
  create(course: CourseRef, circle: NewCircle, toEvents: (circleId: string, members: Array<{ userId: string; role: CircleRole }>) => DomainEvent[]): Promise<Circle>;
  find(course: CourseRef, circleId: string): Promise<Circle | undefined>;
  listForProgram(course: CourseRef, programId: string): Promise<Circle[]>;
  /** One page of the program's circles (by name, then age), with how many match in all. */
  pageForProgram(course: CourseRef, programId: string, page: CirclePageQuery): Promise<{ circles: Circle[]; total: number }>;
  /** The circles this user is a current member of, in this course. */
  listForUser(course: CourseRef, userId: string): Promise<Circle[]>;
  /** Ends a membership (history kept) and writes the events in the same transaction. */
  leave(course: CourseRef, circleId: string, participantId: string, reason: string, events: DomainEvent[]): Promise<boolean>;
}

/** Where a member goes: a circle that exists, or one created in the same change set (by its key). */
export type CircleRef = { id: string } | { key: string };

/** One step of a change to circles; a list of them is applied in one transaction, events included. */
export type CircleChange =
  | { kind: 'create'; key: string; circle: Omit<NewCircle, 'members'> }
  | { kind: 'join'; circle: CircleRef; participantId: string; role: CircleRole }
  | { kind: 'leave'; circleId: string; participantId: string; reason: string }
  | { kind: 'close'; circleId: string };

/** Resolves a CircleRef to the id it has once the changes are applied. */
export type CircleIdOf = (ref: CircleRef) => string;

export interface CircleHistoryEntry {
  circleId: string;
  participantId: string;
  role: CircleRole;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface CircleChangeStore {
  /** Applies the changes and writes the events (built once new circles have ids) in one transaction. */
  apply(course: CourseRef, changes: readonly CircleChange[], toEvents: (idOf: CircleIdOf) => DomainEvent[]): Promise<void>;
  /** Every membership, past and current, of the program's circles: who was with whom. */
  history(course: CourseRef, programId: string): Promise<CircleHistoryEntry[]>;
}
