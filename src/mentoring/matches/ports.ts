import type { CircleChange, CircleIdOf } from '../circles/ports.js';
import type { DomainEvent } from '../events.js';
import type { MatchedPair, MatchStats } from '../matching/index.js';
import type { CourseRef } from '../programs/ports.js';
import type { ProgramType } from '../programs/program-options.js';
import type { LeftOut } from './match-cohort.js';
import type { MatchSettings } from './match-settings.js';

export interface MatchConstraint {
  id: string;
  kind: 'pin' | 'forbid';
  mentorId: string;
  menteeId: string;
}

/** A proposed set of matches as staff review it; explanations speak about the mentee by name. */
export interface ProposalResult {
  programType: ProgramType;
  pairs: MatchedPair[];
  unmatched: LeftOut[];
  stats: MatchStats;
  /** Pins that could not be kept, in plain words (the proposal was made without them). */
  pinProblems: string[];
}

export interface Proposal extends ProposalResult {
  id: string;
  status: 'draft' | 'approved' | 'discarded';
  createdAt: Date;
}

export type ApplyCircles = { changes: readonly CircleChange[]; toEvents: (idOf: CircleIdOf) => DomainEvent[] };

export interface MatchStore {
  settings(course: CourseRef, programId: string): Promise<MatchSettings | undefined>;
  saveSettings(course: CourseRef, programId: string, settings: MatchSettings, userId: string): Promise<void>;
  constraints(course: CourseRef, programId: string): Promise<MatchConstraint[]>;
  /** Pins or forbids a pair, replacing what was set for it before. */
  setConstraint(course: CourseRef, programId: string, constraint: Omit<MatchConstraint, 'id'>, userId: string): Promise<void>;
  removeConstraint(course: CourseRef, programId: string, constraintId: string): Promise<boolean>;
  latestProposal(course: CourseRef, programId: string): Promise<Proposal | undefined>;
  /** Stores a new draft; older drafts of the program are discarded. */
  saveProposal(course: CourseRef, programId: string, result: ProposalResult, userId: string): Promise<Proposal>;
  /** Marks a draft approved and applies its circles in one transaction; false when it was no longer a draft. */
  approve(course: CourseRef, programId: string, proposalId: string, userId: string, circles: ApplyCircles): Promise<boolean>;
}

export type ChoiceStatus = 'queued' | 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface MatchChoice {
  id: string;
  menteeId: string;
  mentorId: string;
  rank: number;
  score: number;
  status: ChoiceStatus;
  deadline: Date | null;
}

/** Mentee-choice mode: ranked requests, one pending with a mentor at a time. */
export interface ChoiceStore {
  list(course: CourseRef, programId: string): Promise<MatchChoice[]>;
  /** Records a mentee's ranking: the first is pending until the deadline, the rest queued. */
  rank(course: CourseRef, programId: string, menteeId: string, ranked: ReadonlyArray<{ mentorId: string; score: number }>, deadline: Date, events: DomainEvent[]): Promise<void>;
  /**
   * Settles a pending request (only if still pending): `next` becomes pending with its deadline;
   * on acceptance the mentee's other requests are withdrawn and the circles applied. One transaction.
   */
  settle(course: CourseRef, programId: string, choiceId: string, outcome: 'accepted' | 'declined' | 'expired', next: { choiceId: string; deadline: Date } | null, circles: ApplyCircles): Promise<boolean>;
  /** Ends every open request of the program (staff resolve the rest). */
  closeAll(course: CourseRef, programId: string): Promise<number>;
}

export interface RotationPlan {
  everyWeeks: number;
  nextOn: string;
  lastRotatedAt: Date | null;
}

export interface RotationStore {
  find(course: CourseRef, programId: string): Promise<RotationPlan | undefined>;
  save(course: CourseRef, programId: string, plan: Pick<RotationPlan, 'everyWeeks' | 'nextOn'>): Promise<void>;
  /** Programs of every tenant whose next rotation is on or before this day (for the background job). */
  due(today: string): Promise<Array<{ tenantId: string; courseId: string; programId: string }>>;
  /** Applies a rotation's circle changes and moves the next date on, in one transaction. */
  rotate(course: CourseRef, programId: string, nextOn: string, circles: ApplyCircles): Promise<void>;
}
