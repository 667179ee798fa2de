import type { Router } from 'express';
import type { Db } from './db/connection.js';
import { createCircleRepository } from './db/repositories/circle-repository.js';
import { createCircleStatsRepository } from './db/repositories/circle-stats-repository.js';
import { createContractRepository } from './db/repositories/contract-repository.js';
import { createFeedbackRepository } from './db/repositories/feedback-repository.js';
import { createGoalRepository } from './db/repositories/goal-repository.js';
import { createMeetingRepository } from './db/repositories/meeting-repository.js';
import { createSurveyRepository } from './db/repositories/survey-repository.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { ParticipantStore } from './mentoring/roster/participant-ports.js';
import type { Clock } from './shared/clock.js';
import type { Csrf } from './web/middleware/csrf.js';
import { circleLifeRouter } from './web/routes/circle-life-router.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';
import { createCircleContactsRepository } from './db/repositories/circle-contacts-repository.js';
import type { PromptPanels } from './web/view-models/prompt-panels.js';

export interface CircleLifeCompositionDeps {
  db: Db;
  render: RenderView;
  clock: Clock;
  publicUrl: string;
  signer: SessionSigner;
  csrf: Csrf;
  programs: ProgramRepository;
  participants: ParticipantStore;
  promptPanels?: PromptPanels;
}

/**
 * Part of the composition root (split from app.ts for size): learning contracts, goals and
 * milestones, meetings with .ics invitations, feedback, the close-out survey and staff numbers.
 */
export function composeCircleLife(deps: CircleLifeCompositionDeps): { router: Router } {
  const { db } = deps;
  const router = circleLifeRouter({
    ...deps,
    circles: createCircleRepository(db),
    contracts: createContractRepository(db),
    goals: createGoalRepository(db),
    meetings: createMeetingRepository(db),
    feedback: createFeedbackRepository(db),
    surveys: createSurveyRepository(db),
    stats: createCircleStatsRepository(db),
    contacts: createCircleContactsRepository(db),
  });
  return { router };
}
