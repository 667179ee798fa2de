import type { CircleRole, CircleStatus } from '../circles/ports.js';
import type { DomainEvent } from '../events.js';
import type { CourseRef } from '../programs/ports.js';
import type { CircleCalendar, DeliveryOutcome, PlannedOccurrence } from './delivery-plan.js';
import type { LibraryPrompt, PromptContent, ReviewPart } from './prompt-options.js';
import type { PromptSchedule } from './schedule.js';

export type { PromptContent };

export interface PromptView extends PromptContent {
  id: string;
  libraryKey: string | null;
  version: number;
  retired: boolean;
  /** 1-based place in the program's track, or null when not in it. */
  trackPosition: number | null;
}

export interface ProgramPromptSeed {
  schedule: PromptSchedule;
  prompts: readonly LibraryPrompt[];
  /** Library keys of the starting track, in order. */
  trackKeys: string[];
}

/** A program's own copy of the library, its track and its schedule. */
export interface PromptLibraryStore {
  isSeeded(programId: string): Promise<boolean>;
  /** Copies the library and the starting track once; a second or concurrent call changes nothing. */
  seed(course: CourseRef, programId: string, seed: ProgramPromptSeed): Promise<void>;
  schedule(course: CourseRef, programId: string): Promise<PromptSchedule | undefined>;
  saveSchedule(course: CourseRef, programId: string, schedule: PromptSchedule): Promise<void>;
  list(course: CourseRef, programId: string): Promise<PromptView[]>;
  versions(course: CourseRef, programId: string, promptId: string): Promise<Array<PromptContent & { version: number; createdAt: Date }>>;
  add(course: CourseRef, programId: string, content: PromptContent, byUserId: string): Promise<string>;
  /** Adds a version; returns its number, or undefined when the prompt is not the program's. */
  revise(course: CourseRef, programId: string, promptId: string, content: PromptContent, byUserId: string): Promise<number | undefined>;
  setRetired(course: CourseRef, programId: string, promptId: string, retired: boolean): Promise<boolean>;
  /** Replaces the track's order with these prompts (all the program's own). */
  setTrack(course: CourseRef, programId: string, promptIds: string[]): Promise<void>;
}

export interface CircleToCheck {
  circleId: string;
  programId: string;
  tenantId: string;
  courseId: string;
  seeded: boolean;
  status: CircleStatus;
  startedOn: string;
  timeZone: string;
  schedule: PromptSchedule | null;
  programEndsOn: string;
  lastSeq: number;
}

export interface CircleMemberRef {
  userId: string;
  role: CircleRole;
}

export type LoadedCalendar = CircleCalendar & { course: CourseRef; members: CircleMemberRef[] };

/** Work on one circle's calendar inside one transaction that holds the circle's lock. */
export interface CircleCalendarUnit {
  calendar(): Promise<LoadedCalendar | undefined>;
  /** Records the occurrence (and its events) unless it already is; false when it already was. */
  record(planned: PlannedOccurrence, events: DomainEvent[]): Promise<boolean>;
  /** The number and time of the circle's last nudge. */
  lastNudge(): Promise<{ seq: number; sentAt: Date } | null>;
  recordNudge(nudge: NewNudge, events: DomainEvent[]): Promise<boolean>;
}

export interface NewNudge {
  seq: number;
  reason: string;
  quietSince: Date;
  starter: string;
  sentAt: Date;
}

export interface PromptCalendarStore {
  circlesToCheck(programIds?: string[]): Promise<CircleToCheck[]>;
  /** The calendar without taking the lock (for pages). */
  calendar(course: CourseRef, circleId: string): Promise<LoadedCalendar | undefined>;
  /** Many circles' calendars at once (pages listing circles), in a fixed number of statements. */
  calendars(course: CourseRef, circleIds: readonly string[]): Promise<Map<string, LoadedCalendar>>;
  withCircle<T>(circleId: string, work: (unit: CircleCalendarUnit) => Promise<T>): Promise<T>;
}

export interface CircleChange {
  id: string;
  kind: 'skip' | 'insert';
  promptId: string;
  title: string;
  used: boolean;
}

export interface DeliveryRecord {
  id: string;
  seq: number;
  dueAt: Date;
  outcome: DeliveryOutcome;
  title: string | null;
  version: number | null;
  answers: number;
}

/** Staff controls over one circle's calendar. */
export interface CirclePromptControlStore {
  pause(course: CourseRef, circleId: string, at: Date, byUserId: string): Promise<boolean>;
  resume(course: CourseRef, circleId: string, at: Date): Promise<boolean>;
  addChange(course: CourseRef, circleId: string, promptId: string, kind: 'skip' | 'insert', byUserId: string): Promise<void>;
  removeChange(course: CourseRef, circleId: string, changeId: string): Promise<boolean>;
  changes(course: CourseRef, circleId: string): Promise<CircleChange[]>;
  history(course: CourseRef, circleId: string): Promise<DeliveryRecord[]>;
}

export interface DeliveredPrompt extends PromptContent {
  id: string;
  circleId: string;
  circleName: string;
  programId: string;
  promptId: string;
  version: number;
  deliveredAt: Date;
}

export type ReviewAnswer = Record<ReviewPart, string>;

export interface AnswerView {
  id: string;
  authorUserId: string;
  authorName: string;
  visibility: 'private' | 'circle';
  body: string | null;
  review: ReviewAnswer | null;
  createdAt: Date;
  replies: Array<{ id: string; authorName: string; body: string; createdAt: Date }>;
}

export interface NewAnswer {
  id: string;
  deliveryId: string;
  circleId: string;
  authorUserId: string;
  visibility: 'private' | 'circle';
  body: string | null;
  review: ReviewAnswer | null;
}

/** Delivered prompts and the answers to them. Private answers leave it only for their author. */
export interface PromptAnswerStore {
  /** Delivered prompts of these circles, newest first. */
  delivered(course: CourseRef, programId: string, circleIds: string[]): Promise<DeliveredPrompt[]>;
  /** The same for circles of any programs of the course (a learner's home), newest first. */
  deliveredToCircles(course: CourseRef, circleIds: string[]): Promise<DeliveredPrompt[]>;
  findDelivered(course: CourseRef, programId: string, deliveryId: string): Promise<DeliveredPrompt | undefined>;
  /** Saves the answer and its events; false when this person already answered this delivery. */
  create(course: CourseRef, answer: NewAnswer, events: DomainEvent[]): Promise<boolean>;
  /** Answers of a delivery that `viewerUserId` may read: shared ones and their own. */
  readableBy(course: CourseRef, deliveryId: string, viewerUserId: string): Promise<AnswerView[]>;
  /** Who answered these deliveries and how, never what. */
  answeredBy(course: CourseRef, deliveryIds: string[]): Promise<Array<{ deliveryId: string; userId: string; visibility: 'private' | 'circle' }>>;
  findShared(course: CourseRef, answerId: string): Promise<{ id: string; deliveryId: string; circleId: string } | undefined>;
  reply(course: CourseRef, reply: { id: string; answerId: string; authorUserId: string; body: string }, events: DomainEvent[]): Promise<void>;
  /** This person's own answers in the program (their journal), newest first. */
  journal(course: CourseRef, programId: string, userId: string): Promise<Array<{ deliveryId: string; title: string; visibility: 'private' | 'circle'; body: string | null; review: ReviewAnswer | null; createdAt: Date }>>;
}

/** When each circle last met; another feature owns meetings, so this is all prompts ask of it. */
export interface MeetingActivity {
  lastMeetings(circleIds: string[]): Promise<Map<string, Date>>;
}

export interface CircleActivity {
  circleId: string;
  circleName: string;
  programId: string;
  status: CircleStatus;
  startedOn: string;
  timeZone: string;
  formedAt: Date;
  paused: boolean;
  resumedAt: Date | null;
  lastAnswerAt: Date | null;
  lastNudge: { seq: number; sentAt: Date; starter: string } | null;
}

export interface NudgeStore {
  /** Activity of circles that are not closed: of one program or some circles (course-scoped), or of all (for the job). */
  activity(scope: { course: CourseRef; programId: string } | { course: CourseRef; circleIds: string[] } | { programIds?: string[] }): Promise<Array<CircleActivity & { course: CourseRef; schedule: PromptSchedule | null; members: CircleMemberRef[] }>>;
}
