import type { CourseScope } from '../programs/ports.js';
import type { Program } from '../programs/ports.js';
import type { ProgramRole } from '../roster/program-role.js';
import { missingForMatching, type ProfileAnswers } from '../profiles/profile.js';

/** What a participant's program page is built from, read in one go. */
export interface LearnerFacts {
  answers: ProfileAnswers | null;
  circles: Array<{ id: string; name: string }>;
  nextMeeting: { startsAt: Date; circleId: string; timeZone: string } | null;
  surveyOpenedEarly: boolean;
  surveySubmitted: boolean;
}

export interface LearnerFactsStore {
  facts(
    scope: CourseScope,
    programId: string,
    participantId: string,
    now: Date,
  ): Promise<LearnerFacts>;
}

export type LearnerStage = 'profile' | 'waiting' | 'circle';

export interface LearnerProgress {
  stage: LearnerStage;
  missing: string[];
  surveyOpen: boolean;
}

/** Where a participant stands: profile first, then waiting for a match, then their circle. */
export function learnerProgress(
  program: Pick<Program, 'endsOn'>,
  role: ProgramRole,
  facts: LearnerFacts,
  now: Date,
): LearnerProgress {
  const missing = facts.answers ? missingForMatching(facts.answers, role) : ['your profile'];
  const stage: LearnerStage =
    facts.circles.length > 0 ? 'circle' : missing.length > 0 ? 'profile' : 'waiting';
  const ended = now.toISOString().slice(0, 10) >= program.endsOn;
  return { stage, missing, surveyOpen: ended || facts.surveyOpenedEarly };
}
