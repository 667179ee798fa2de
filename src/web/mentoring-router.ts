import { Router, type Response } from 'express';
import type { DeepLinkRepository } from '../db/repositories/deep-link-repository.js';
import type { ToolKeys } from '../lti/tool-keys.js';
import type { ProgramRepository } from '../mentoring/programs/ports.js';
import type { ParticipantStore } from '../mentoring/roster/participant-ports.js';
import type { MembershipService, RosterStore } from '../mentoring/roster/ports.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Csrf } from './middleware/csrf.js';
import { requireSession } from './middleware/session-auth.js';
import { deepLinkingRoutes } from './routes/deep-linking-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { participantRoutes } from './routes/participant-routes.js';
import { programAdminRoutes } from './routes/program-admin-routes.js';
import { programRoutes } from './routes/program-routes.js';
import type { SessionSigner } from './session.js';
import type { PromptPanels } from './view-models/prompt-panels.js';
import type { SetupProgressStore } from '../mentoring/guided/setup-checklist.js';
import type { LearnerFactsStore } from '../mentoring/guided/learner-stage.js';
import type { RenderView } from './views.js';

export interface MentoringWebDeps {
  render: RenderView;
  signer: SessionSigner;
  csrf: Csrf;
  programs: ProgramRepository;
  participants: ParticipantStore;
  roster: RosterStore;
  memberships: MembershipService;
  deepLinks: DeepLinkRepository;
  keys: ToolKeys;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  deepLinkMaxAgeSeconds: number;
  /** This week's prompt for learners' home and program pages (the prompts feature). */
  promptPanels?: PromptPanels;
  /** The learner home's unread-notifications line (issue #15). */
  inboxLine?: (res: Response) => Promise<{ unread: number; url: string }>;
  /** Where each program's setup stands (the staff program page's checklist, issue #18). */
  setupProgress: SetupProgressStore;
  /** A participant's stage on their program page (issue #18). */
  learnerFacts: LearnerFactsStore;
}

/**
 * Every page behind a launch: session first, then CSRF on writes. Who may use a page is declared
 * on its route (`allow(action)`, see policy.ts), not by path prefix here.
 */
export function mentoringRouter(deps: MentoringWebDeps): Router {
  const router = Router();
  const gate = [requireSession(deps.signer), deps.csrf.protect];
  router.use(['/home', '/programs'], ...gate);
  router.use(['/staff', '/deep-linking'], ...gate);
  router.use(homeRoutes(deps));
  router.use(participantRoutes(deps));
  router.use(programRoutes(deps));
  router.use(programAdminRoutes(deps));
  router.use(deepLinkingRoutes({ ...deps, maxAgeSeconds: deps.deepLinkMaxAgeSeconds }));
  return router;
}
