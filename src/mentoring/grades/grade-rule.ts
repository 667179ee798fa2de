/**
 * What a participant's grade means, defined once: the completion rule (also what SCORM and cmi5
 * status report) and the participation score. Pure: facts in, score and its reasons out.
 */
import type { Cadence } from '../programs/program-options.js';

export type GradeMode = 'participation' | 'completion';

/** Weights of the participation mix (non-negative; the score is their weighted mean). */
export interface ParticipationWeights {
  contract: number;
  meetings: number;
  prompts: number;
  milestones: number;
  survey: number;
}

export type GradePart = keyof ParticipationWeights;

/** What the database knows of one participant, as of `asOf`. */
export interface ScoreFacts {
  contractAgreed: boolean;
  meetingsAttended: number;
  cadence: Cadence;
  /** The day the participant's (earliest) circle started; null when in no circle. */
  circleStartedOn: Date | null;
  promptsAnswered: number;
  promptsDelivered: number;
  milestonesCompleted: number;
  milestonesTotal: number;
  surveyDone: boolean;
}

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

export interface ComputedScore {
  /** Null: nothing to show yet (completion not met); the LMS keeps the column empty. */
  scoreGiven: number | null;
  scoreMaximum: 100;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  completed: boolean;
  /** One line per part, in plain words, for the preview and the LMS comment. */
  reasons: string[];
  comment: string;
}

const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, fortnightly: 14, monthly: 30 };
const DAY_MS = 86_400_000;

/** Meetings the cadence expects since the circle started (at least one once in a circle). */
export function expectedMeetings(cadence: Cadence, startedOn: Date | null, asOf: Date): number {
  if (!startedOn) return 0;
  const days = Math.max(0, Math.floor((asOf.getTime() - startedOn.getTime()) / DAY_MS));
  return Math.max(1, Math.floor(days / CADENCE_DAYS[cadence]));
}

const ratio = (done: number, of: number) => (of <= 0 ? 0 : Math.min(1, done / of));

/** How far along each part is, 0..1, with its reason. */
type Parts = Record<GradePart, { share: number; reason: string }>;

export function partProgress(facts: ScoreFacts, asOf: Date): Parts {
  const expected = expectedMeetings(facts.cadence, facts.circleStartedOn, asOf);
  const f = facts;
  return {
    contract: f.contractAgreed
      ? { share: 1, reason: 'contract agreed' } : { share: 0, reason: 'contract not agreed yet' },
    meetings: {
      share: ratio(f.meetingsAttended, expected),
      reason: `${f.meetingsAttended} of ${expected} meetings attended`,
    },
    prompts: {
      share: ratio(f.promptsAnswered, f.promptsDelivered),
      reason: `${f.promptsAnswered} of ${f.promptsDelivered} prompts answered`,
    },
    milestones: {
      share: ratio(f.milestonesCompleted, f.milestonesTotal),
      reason: `${f.milestonesCompleted} of ${f.milestonesTotal} milestones completed`,
    },
    survey: f.surveyDone
      ? { share: 1, reason: 'close-out survey done' }
      : { share: 0, reason: 'close-out survey not done' },
  };
}

/**
 * The completion rule: contract agreed, the meetings the cadence expects attended, every milestone
 * completed (at least one set), and the close-out survey done.
 */
export function completionMet(facts: ScoreFacts, asOf: Date): boolean {
  const parts = partProgress(facts, asOf);
  const required = ['contract', 'meetings', 'milestones', 'survey'] as const;
  return required.every((k) => parts[k].share === 1);
}

export function participationScore(weights: ParticipationWeights, facts: ScoreFacts, asOf: Date) {
  const parts = partProgress(facts, asOf);
  const keys = Object.keys(parts) as GradePart[];
  const total = keys.reduce((sum, k) => sum + weights[k], 0);
  if (total <= 0) return 0;
  const weighted = keys.reduce((sum, k) => sum + weights[k] * parts[k].share, 0);
  return Math.round((weighted / total) * 1000) / 10;
}

function progressOf(facts: ScoreFacts, completed: boolean): ActivityProgress {
  if (completed) return 'Completed';
  const f = facts;
  const counts = f.meetingsAttended + f.promptsAnswered + f.milestonesCompleted;
  const started = f.contractAgreed || counts > 0;
  return started ? 'InProgress' : 'Started';
}

const SUMMARY: Record<GradeMode, string> = {
  participation: 'Participation (weighted: contract, meetings, prompts, milestones, survey)',
  completion: 'Completion (contract agreed, meetings attended, milestones completed, survey done)',
};

/** The score to send for one participant under the program's grade settings. */
export function computeScore(
  settings: { mode: GradeMode; weights: ParticipationWeights }, facts: ScoreFacts, asOf: Date,
): ComputedScore {
  const completed = completionMet(facts, asOf);
  const parts = partProgress(facts, asOf);
  const reasons = (Object.keys(parts) as GradePart[]).map((k) => parts[k].reason);
  const participation = () => participationScore(settings.weights, facts, asOf);
  const scoreGiven = settings.mode === 'participation' ? participation() : completed ? 100 : null;
  return {
    scoreGiven,
    scoreMaximum: 100,
    activityProgress: progressOf(facts, completed),
    // A score we want shown is FullyGraded; an unmet completion shows nothing yet.
    gradingProgress: scoreGiven === null ? 'Pending' : 'FullyGraded',
    completed,
    reasons,
    comment: `${SUMMARY[settings.mode]}: ${reasons.join('; ')}.`.slice(0, 1000),
  };
}
