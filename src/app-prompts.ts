import { Router } from 'express';
import type { Db } from './db/connection.js';
import { createCircleRepository } from './db/repositories/circle-repository.js';
import { createCirclePromptControlRepository } from './db/repositories/circle-prompt-control-repository.js';
import { createMeetingActivity, createNudgeRepository } from './db/repositories/nudge-repository.js';
import { createPromptAnswerRepository } from './db/repositories/prompt-answer-repository.js';
import { createPromptCalendarRepository } from './db/repositories/prompt-calendar-repository.js';
import { createPromptLibraryRepository } from './db/repositories/prompt-library-repository.js';
import type { JobRunner } from './jobs/job-runner.js';
import { startPromptJobs, type PromptJobs } from './jobs/prompt-jobs.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Csrf } from './web/middleware/csrf.js';
import { requireSession } from './web/middleware/session-auth.js';
import type { PromptWebDeps } from './web/prompt-web-deps.js';
import { promptAdminRoutes } from './web/routes/prompt-admin-routes.js';
import { promptCircleRoutes } from './web/routes/prompt-circle-routes.js';
import { promptLibraryRoutes } from './web/routes/prompt-library-routes.js';
import { promptRoutes } from './web/routes/prompt-routes.js';
import type { SessionSigner } from './web/session.js';
import { createPromptPanels, type PromptPanels } from './web/view-models/prompt-panels.js';
import type { RenderView } from './web/views.js';

export interface PromptsFeature {
  router: Router;
  /** The prompt card for other pages (learner home, program page). */
  panels: PromptPanels;
  /** Null when JOBS_ENABLED=false. */
  jobs: PromptJobs | null;
}

/**
 * Part of the composition root (split from app.ts for size): the prompts feature's stores, its
 * pages (each behind the session and CSRF gate; each route declares its policy) and, when a job
 * runner exists, its scheduled deliveries and nudges.
 */
export async function composePrompts(deps: {
  db: Db; jobs: JobRunner | null; render: RenderView; signer: SessionSigner; csrf: Csrf; programs: ProgramRepository; clock: Clock; logger: Logger;
}): Promise<PromptsFeature> {
  const { db, clock } = deps;
  const web: PromptWebDeps = {
    render: deps.render, programs: deps.programs, circles: createCircleRepository(db), library: createPromptLibraryRepository(db),
    calendars: createPromptCalendarRepository(db), controls: createCirclePromptControlRepository(db), answers: createPromptAnswerRepository(db),
    nudges: createNudgeRepository(db), meetings: createMeetingActivity(db, () => clock.now()), clock,
  };
  const jobs = deps.jobs ? await startPromptJobs(deps.jobs, { ...web, now: () => clock.now(), logger: deps.logger }) : null;

  const router = Router();
  const gate = [requireSession(deps.signer), deps.csrf.protect];
  router.use(['/programs/:programId/prompts', '/programs/:programId/answers'], ...gate);
  router.use('/staff/programs/:programId/prompts', ...gate);
  router.use(promptRoutes(web), promptAdminRoutes(web), promptLibraryRoutes(web), promptCircleRoutes(web));
  return { router, panels: createPromptPanels(web), jobs };
}
