import type { Router } from 'express';
import type { Db } from './db/connection.js';
import { createCircleChangeRepository } from './db/repositories/circle-change-repository.js';
import { createCircleRepository } from './db/repositories/circle-repository.js';
import { createChoiceRepository, createRotationRepository } from './db/repositories/choice-repository.js';
import { createMatchRepository } from './db/repositories/match-repository.js';
import { createProfileRepository, createSkillRepository } from './db/repositories/profile-repository.js';
import { createPeopleSearchRepository } from './db/repositories/people-search-repository.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { ParticipantStore } from './mentoring/roster/participant-ports.js';
import type { JobRunner } from './jobs/job-runner.js';
import { startRotationJobs } from './jobs/rotation-jobs.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Csrf } from './web/middleware/csrf.js';
import { circlesRouter } from './web/routes/circles-router.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';

export interface CirclesCompositionDeps {
  db: Db;
  render: RenderView;
  clock: Clock;
  signer: SessionSigner;
  csrf: Csrf;
  programs: ProgramRepository;
  participants: ParticipantStore;
  /** The pg-boss runner when background jobs are on: due rotation plans are then applied daily. */
  jobs: JobRunner | null;
  logger: Logger;
}

/**
 * Part of the composition root (split from app.ts for size): profiles and the skill taxonomy,
 * matching (settings, proposals, pins and forbids, mentee choice), and circle management.
 */
export async function composeCircles(deps: CirclesCompositionDeps): Promise<{ router: Router }> {
  const { db } = deps;
  const matchDeps = {
    ...deps,
    profiles: createProfileRepository(db), skills: createSkillRepository(db), circles: createCircleRepository(db),
    circleChanges: createCircleChangeRepository(db), matches: createMatchRepository(db), choices: createChoiceRepository(db), rotations: createRotationRepository(db),
  };
  if (deps.jobs) await startRotationJobs(deps.jobs, matchDeps);
  return { router: circlesRouter({ ...matchDeps, peopleSearch: createPeopleSearchRepository(db) }) };
}
