import type { CourseScope } from '../programs/ports.js';
import type { ScoreFacts } from './grade-rule.js';
import type { GradeSettings } from './grade-settings.js';

/** A participant as the grade needs them: who, where they stand in the course, what they did. */
export interface GradedParticipant {
  participantId: string;
  userId: string;
  name: string | null;
  /** The LTI `sub`: the AGS `userId`. */
  subject: string;
  programStatus: 'active' | 'inactive';
  enrolmentStatus: 'active' | 'inactive' | null;
  launched: boolean;
  facts: ScoreFacts;
}

/** A line item scores go to: from a launch claim (or created at Deep Linking and then launched). */
export interface GradeLineItem {
  url: string;
  /** Scopes the platform's claim offered for this link. */
  scopes: string[];
  title: string | null;
}

/** The last score queued for a person, and how its delivery went. */
export interface QueuedScore {
  userId: string;
  lineItemUrl: string;
  status: 'pending' | 'sent' | 'superseded' | 'refused';
  scoreGiven: number | null;
  lastError: string | null;
  at: Date;
}

export interface GradeStore {
  settings(scope: CourseScope, programId: string): Promise<GradeSettings | undefined>;
  /** Saves the settings and queues every score again under them, in one transaction. */
  saveSettings(scope: CourseScope, programId: string, s: GradeSettings, asOf: Date): Promise<void>;
  participants(scope: CourseScope, programId: string): Promise<GradedParticipant[]>;
  lineItems(scope: CourseScope, programId: string): Promise<GradeLineItem[]>;
  lastQueued(scope: CourseScope, programId: string): Promise<QueuedScore[]>;
  /** Whether any launch in the course carried an AGS claim (the LMS offers a grade service). */
  courseOffersAgs(scope: CourseScope): Promise<boolean>;
  /** Recomputes and queues every participant's score of the program (in one transaction). */
  queueAll(scope: CourseScope, programId: string, asOf: Date): Promise<number>;
}
