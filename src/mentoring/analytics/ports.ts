import type { Criterion, CriterionScore, Weight } from '../matching/index.js';
import type { CourseRef } from '../programs/ports.js';

/** One participant of the program, as counts and dates only (never what they wrote). */
export interface ParticipantFact {
  role: 'mentee' | 'mentor' | 'both';
  joinedAt: Date;
  profileComplete: boolean;
  /** First time they joined a circle of the program (null: never matched). */
  matchedAt: Date | null;
  contractAgreed: boolean;
  /** Was present at a meeting of a circle at least once. */
  metOnce: boolean;
  milestonesDone: number;
  completed: boolean;
  /** Mentors: mentees they take (profile, else the program's default) and mentees they have now. */
  capacity: number | null;
  menteesNow: number;
}

/** One circle: its counts (the same facts staff see on the circle's numbers page). */
export interface CircleFact {
  circleId: string;
  name: string;
  status: 'active' | 'paused' | 'closed';
  startedOn: string;
  members: number;
  contractAgreed: boolean;
  meetingsHeld: number;
  lastMeetingAt: Date | null;
  milestonesDone: number;
  milestonesTotal: number;
  feedbackCount: number;
  feedbackAverage: number | null;
  promptsDelivered: number;
  promptAnswers: number;
  /** Participant ids of the current members, to find the matched pairs of the circle. */
  memberIds: string[];
}

export interface WeekFact {
  /** Monday, YYYY-MM-DD. */
  week: string;
  meetingsHeld: number;
  activeCircles: number;
  promptsDelivered: number;
  promptAnswers: number;
  /** Members of circles that were delivered a prompt that week (the answers' denominator). */
  promptRecipients: number;
}

export interface SurveyFacts {
  answers: number;
  goalProgress: number | null;
  relationship: number | null;
  confidence: number | null;
  clarity: number | null;
  wouldRecommend: number;
}

/** A pair the matching proposed and staff approved, with its score and criteria at the time. */
export interface ApprovedPair {
  mentorId: string;
  menteeId: string;
  score: number;
  criteria: CriterionScore[];
}

export interface ProgramFacts {
  participants: ParticipantFact[];
  circles: CircleFact[];
  weeks: WeekFact[];
  /** Count of feedback ratings by value 1–5. */
  ratings: Record<1 | 2 | 3 | 4 | 5, number>;
  survey: SurveyFacts;
  pairs: ApprovedPair[];
}

export interface WeightChange {
  before: Record<Criterion, Weight>;
  after: Record<Criterion, Weight>;
  evidence: unknown;
}

/** Per program of a course, for the course overview. */
export interface ProgramSummaryFact {
  programId: string;
  title: string;
  enrolled: number;
  mentees: number;
  matchedMentees: number;
  circles: number;
  meetingsHeld: number;
  completed: number;
  target: number | null;
}

export interface AnalyticsStore {
  /** Everything the dashboard needs, in a bounded number of statements whatever the size. */
  programFacts(course: CourseRef, programId: string, weeks: { from: Date; to: Date }): Promise<ProgramFacts>;
  courseSummary(course: CourseRef): Promise<ProgramSummaryFact[]>;
  matchRateTarget(course: CourseRef, programId: string): Promise<number | null>;
  saveMatchRateTarget(course: CourseRef, programId: string, target: number, userId: string): Promise<boolean>;
  /**
   * Writes the program's matching weights and the audit row in one transaction; false (nothing
   * written) when the weights in force are no longer `change.before`.
   */
  applyWeights(course: CourseRef, programId: string, change: WeightChange, settings: unknown, userId: string): Promise<boolean>;
}
