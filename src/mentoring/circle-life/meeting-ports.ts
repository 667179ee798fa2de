import type { DomainEvent } from '../events.js';

export type MeetingMode = 'virtual' | 'in_person';

export interface MeetingFields {
  startsAt: Date;
  durationMinutes: number;
  mode: MeetingMode;
  /** An address or a meeting link. */
  place: string | null;
  agenda: string | null;
  /** Private to the circle: never shown to staff, never in a statement. */
  notes: string | null;
}

export interface Meeting extends MeetingFields {
  id: string;
  circleId: string;
  /** Raised on every change, for the calendar copy of the invitation. */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  /** Participants marked as attended. */
  attendees: string[];
}

export interface MeetingStore {
  /** Newest first. */
  listForCircle(tenantId: string, circleId: string): Promise<Meeting[]>;
  find(tenantId: string, circleId: string, meetingId: string): Promise<Meeting | undefined>;
  create(tenantId: string, circleId: string, meeting: MeetingFields, createdBy: string, toEvents: (meetingId: string) => DomainEvent[]): Promise<string>;
  /** `changedBy`: the members are told (a new invitation) unless only the private notes changed. */
  update(tenantId: string, circleId: string, meetingId: string, meeting: MeetingFields, changedBy?: string): Promise<boolean>;
  /**
   * Cancels a meeting that has not started (nobody attended or gave feedback yet): the members
   * are told in the same transaction, then the meeting is gone. False when it had started.
   */
  cancel(tenantId: string, circleId: string, meetingId: string, cancelledBy: string, now: Date): Promise<boolean>;
  /**
   * Makes the attendance exactly `participantIds`; `toEvents` gets those marked for the first time (inside the
   * transaction, so concurrent markings never both announce the same person).
   */
  setAttendance(tenantId: string, meetingId: string, participantIds: string[], markedBy: string, toEvents: (newlyMarked: string[]) => DomainEvent[]): Promise<void>;
}
