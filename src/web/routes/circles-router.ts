import { Router } from 'express';
import type { MatchDeps } from '../../mentoring/matches/match-context.js';
import type { PeopleSearchStore } from '../../mentoring/profiles/people-search.js';
import type { Csrf } from '../middleware/csrf.js';
import { requireSession } from '../middleware/session-auth.js';
import type { SessionSigner } from '../session.js';
import type { RenderView } from '../views.js';
import { circleAdminRoutes } from './circle-admin-routes.js';
import { matchingRoutes } from './matching-routes.js';
import { myMatchRoutes } from './my-match-routes.js';
import { profileRoutes } from './profile-routes.js';

export type CirclesWebDeps = MatchDeps & { render: RenderView; signer: SessionSigner; csrf: Csrf; peopleSearch: PeopleSearchStore };

/** Profiles, matching and circle management behind a launch: session and CSRF first; each route declares its policy. */
export function circlesRouter(deps: CirclesWebDeps): Router {
  const router = Router();
  const gate = [requireSession(deps.signer), deps.csrf.protect];
  router.use(['/programs/:programId/profile', '/programs/:programId/match'], ...gate);
  router.use(['/staff/programs/:programId/skills', '/staff/programs/:programId/matching', '/staff/programs/:programId/circles'], ...gate);
  router.use(profileRoutes(deps));
  router.use(matchingRoutes(deps));
  router.use(myMatchRoutes(deps));
  router.use(circleAdminRoutes(deps));
  return router;
}
