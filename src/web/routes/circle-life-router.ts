import { Router } from 'express';
import type { Csrf } from '../middleware/csrf.js';
import { requireSession } from '../middleware/session-auth.js';
import type { SessionSigner } from '../session.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { circleRoutes } from './circle-routes.js';
import { contractRoutes } from './contract-routes.js';
import { goalRoutes } from './goal-routes.js';
import { meetingRoutes } from './meeting-routes.js';
import { progressRoutes } from './progress-routes.js';
import { surveyRoutes } from './survey-routes.js';

/** Circle life pages behind a launch: session and CSRF first; each route declares its policy. */
export function circleLifeRouter(deps: CircleLifeWebDeps & { signer: SessionSigner; csrf: Csrf }): Router {
  const router = Router();
  const gate = [requireSession(deps.signer), deps.csrf.protect];
  router.use(['/programs/:programId/circles', '/programs/:programId/survey'], ...gate);
  router.use(['/staff/programs/:programId/circle-progress', '/staff/programs/:programId/survey'], ...gate);
  router.use(circleRoutes(deps));
  router.use(contractRoutes(deps));
  router.use(goalRoutes(deps));
  router.use(meetingRoutes(deps));
  router.use(surveyRoutes(deps));
  router.use(progressRoutes(deps));
  return router;
}
