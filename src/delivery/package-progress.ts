import {
  completionMet,
  participationScore,
  partProgress,
  type ScoreFacts,
} from '../mentoring/grades/grade-rule.js';
import { DEFAULT_GRADE_SETTINGS, type GradeSettings } from '../mentoring/grades/grade-settings.js';
import type { Clock } from '../shared/clock.js';

/**
 * Where a package learner stands under the program's completion rule, as SCORM and cmi5 report
 * it.
 */
export interface PackageProgress {
  completed: boolean;
  /** Null when the program defines no passing (participation mode); else whether it is met. */
  passed: boolean | null;
  /** 0..1: how far along the completion rule's parts are. */
  progressMeasure: number;
  /** -1..1 (here 0..1); null when there is no score yet (completion mode, not completed). */
  scaledScore: number | null;
}

export interface ProgressFactsStore {
  /** The participant's facts and the program's grade settings (null: defaults); undefined: none. */
  factsOf(
    tenantId: string,
    programId: string,
    userId: string,
  ): Promise<{ facts: ScoreFacts; settings: GradeSettings | null } | undefined>;
}

export interface ProgressDeps {
  progressFacts: ProgressFactsStore;
  clock: Clock;
}

const REQUIRED = ['contract', 'meetings', 'milestones', 'survey'] as const;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** What the Grades page calls completion and score, told to the SCORM launcher and cmi5. */
export function progressOf(
  facts: ScoreFacts,
  settings: GradeSettings,
  asOf: Date,
): PackageProgress {
  const completed = completionMet(facts, asOf);
  const parts = partProgress(facts, asOf);
  const progressMeasure = completed
    ? 1
    : round(REQUIRED.reduce((sum, k) => sum + parts[k].share, 0) / REQUIRED.length);
  if (settings.mode === 'completion') {
    return { completed, passed: completed, progressMeasure, scaledScore: completed ? 1 : null };
  }
  const score = participationScore(settings.weights, facts, asOf);
  return { completed, passed: null, progressMeasure, scaledScore: round(score / 100) };
}

const NOTHING_YET: PackageProgress = {
  completed: false,
  passed: null,
  progressMeasure: 0,
  scaledScore: null,
};

export async function packageProgressFor(
  deps: ProgressDeps,
  tenantId: string,
  programId: string,
  userId: string,
): Promise<PackageProgress> {
  const found = await deps.progressFacts.factsOf(tenantId, programId, userId);
  if (!found) return NOTHING_YET;
  return progressOf(found.facts, found.settings ?? DEFAULT_GRADE_SETTINGS, deps.clock.now());
}
