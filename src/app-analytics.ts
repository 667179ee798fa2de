import { Router } from 'express';
import type { Db } from './db/connection.js';
import { createAnalyticsRepository } from './db/repositories/analytics-repository.js';
import { createMatchRepository } from './db/repositories/match-repository.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { Clock } from './shared/clock.js';
import type { Csrf } from './web/middleware/csrf.js';
import { requireSession } from './web/middleware/session-auth.js';
import { analyticsRoutes } from './web/routes/analytics-routes.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';

/** Part of the composition root: the staff dashboards of programs and of the course (#16). */
export function composeAnalytics(deps: {
  db: Db; render: RenderView; signer: SessionSigner; csrf: Csrf; programs: ProgramRepository; clock: Clock;
}): Router {
  const router = Router();
  router.use(['/staff/dashboard', '/staff/programs/:programId/dashboard'], requireSession(deps.signer), deps.csrf.protect);
  router.use(analyticsRoutes({
    render: deps.render, clock: deps.clock, programs: deps.programs,
    matches: createMatchRepository(deps.db), analytics: createAnalyticsRepository(deps.db),
  }));
  return router;
}
