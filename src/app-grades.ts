import { Router } from 'express';
import type { Db } from './db/connection.js';
import { createGradeStore } from './db/repositories/score-grades-repository.js';
import { createScoreStore } from './db/repositories/score-store.js';
import type { JobRunner } from './jobs/job-runner.js';
import {
  createScoreDispatcher, SCORE_DELIVERY_QUEUE, startScoreDelivery, type ScoreDispatcher,
} from './jobs/score-delivery-job.js';
import { createAgsClient } from './lti/ags-client.js';
import type { ServiceTokens } from './lti/service-token.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Csrf } from './web/middleware/csrf.js';
import { requireSession } from './web/middleware/session-auth.js';
import { gradeRoutes } from './web/routes/grade-routes.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';

/** How often the score queue is looked at when nothing kicks it. */
const POLL_SECONDS = 5;

/**
 * Part of the composition root: grades back to the LMS (AGS). The "Grades" staff page, the score
 * queue's dispatcher and, with a job runner, its delivery job.
 */
export async function composeGrades(deps: {
  db: Db; jobs: JobRunner | null; render: RenderView; signer: SessionSigner; csrf: Csrf;
  programs: ProgramRepository; tokens: ServiceTokens; clock: Clock; logger: Logger;
}): Promise<{ router: Router; dispatcher: ScoreDispatcher }> {
  const { db, clock, jobs } = deps;
  const ags = createAgsClient(deps.tokens, () => clock.now().getTime());
  const store = createScoreStore(db);
  const dispatcher = createScoreDispatcher({ store, ags, clock, logger: deps.logger });
  if (jobs) await startScoreDelivery(jobs, dispatcher, POLL_SECONDS);
  const kick = jobs
    ? async () => void (await jobs.send(SCORE_DELIVERY_QUEUE, {}, { singletonKey: 'next-tick' }))
    : null;
  const router = Router();
  router.use('/staff/programs/:programId/grades', requireSession(deps.signer), deps.csrf.protect);
  const grades = createGradeStore(db);
  router.use(gradeRoutes({ render: deps.render, programs: deps.programs, grades, clock, kick }));
  return { router, dispatcher };
}
